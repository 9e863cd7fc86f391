run -o events --duration 5m scenarios/liveness-http.yaml
