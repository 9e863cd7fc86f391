run --seed 1 --explain scenarios/sidecars-prestop-simultaneous.yaml
