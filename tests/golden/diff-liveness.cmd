diff tests/data/seed-liveness.txt scenarios/liveness-http.yaml
