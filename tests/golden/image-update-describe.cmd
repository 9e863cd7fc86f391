run -o describe --describe-at 90s scenarios/image-update.yaml
