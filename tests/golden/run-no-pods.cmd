run tests/data/no-pods.yaml
