run --seed 1 scenarios/sidecar-startup.yaml
