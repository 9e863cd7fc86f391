run -o wide --seed 4 --duration 30s scenarios/fast-deletes.yaml
