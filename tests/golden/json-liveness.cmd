run -o json --duration 30s scenarios/liveness-http.yaml
