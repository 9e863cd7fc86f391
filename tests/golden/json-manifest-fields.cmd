run -o json --duration 2s scenarios/manifest-fields.yaml
