run --seed 3 -o events --duration 5m scenarios/liveness-http.yaml
