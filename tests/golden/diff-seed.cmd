diff --seed 7 tests/data/seed-liveness.txt scenarios/liveness-http.yaml
