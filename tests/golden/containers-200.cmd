run --duration 10m tests/data/containers-200.yaml
