run --seed 1 scenarios/init-fail-never.yaml
