run --seed 1 --duration 5m scenarios/liveness-http.yaml
