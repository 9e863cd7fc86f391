run --seed 1 scenarios/init-fail-always.yaml
