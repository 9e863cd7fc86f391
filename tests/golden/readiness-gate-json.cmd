run -o json --duration 60s scenarios/readiness-gate.yaml
