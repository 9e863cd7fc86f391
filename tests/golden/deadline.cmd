run --seed 1 scenarios/deadline.yaml
