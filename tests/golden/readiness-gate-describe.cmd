run -o describe --describe-at 30s scenarios/readiness-gate.yaml
