run --seed 1 -o events scenarios/sidecars-prestop-forever.yaml
