validate tests/data/deployment.yaml
