run --metrics --duration 5m scenarios/liveness-http.yaml
