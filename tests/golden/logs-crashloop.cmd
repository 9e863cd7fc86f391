run -o logs --duration 1h tests/data/crashloop-logs.yaml
