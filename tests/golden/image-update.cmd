run -o wide --duration 90s scenarios/image-update.yaml
