run --seed 2 -o json --duration 5m scenarios/liveness-http.yaml
