run -o describe scenarios/invalid-image.yaml
