run --seed 1 scenarios/prestop.yaml
