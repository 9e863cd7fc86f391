run -o events --duration 1m scenarios/liveness-redirect.yaml
