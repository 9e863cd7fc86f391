run scenarios/tcp-probes.yaml
