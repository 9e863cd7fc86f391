run -o logs --duration 30s tests/data/partial-lines.yaml
