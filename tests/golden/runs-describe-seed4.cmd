run --seed 4 -o describe --duration 5m scenarios/liveness-http.yaml
