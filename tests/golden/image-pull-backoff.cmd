run scenarios/image-pull-backoff.yaml
