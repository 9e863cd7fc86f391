run --seed 1 scenarios/kill-sandbox.yaml
