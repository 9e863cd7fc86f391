run -o logs --duration 30s scenarios/command-env-expansion.yaml
