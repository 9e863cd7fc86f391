run --duration 30s tests/data/bundle.yaml
