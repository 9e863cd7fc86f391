run -o events --duration 90s scenarios/image-update.yaml
