run -o describe --describe-at 30s scenarios/manifest-fields.yaml
