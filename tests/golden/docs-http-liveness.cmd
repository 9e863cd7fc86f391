run --duration 25s -o describe scenarios/docs-http-liveness.yaml
