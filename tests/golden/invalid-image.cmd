run scenarios/invalid-image.yaml
