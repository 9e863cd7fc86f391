run --seed 1 scenarios/sidecar-crash.yaml
