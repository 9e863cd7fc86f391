run -o wide --duration 60s scenarios/readiness-gate.yaml
