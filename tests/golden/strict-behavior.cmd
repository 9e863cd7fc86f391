run --strict-behavior tests/data/entrypoint-rules.yaml
