run -o json --duration 45s scenarios/readiness-gate.yaml
