run --seed 1 scenarios/init-two.yaml
