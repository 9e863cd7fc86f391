validate tests/data/entrypoint-rules.yaml
