run scenarios/readiness-flap.yaml
