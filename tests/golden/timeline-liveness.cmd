run -o timeline --duration 3m scenarios/liveness-http.yaml
