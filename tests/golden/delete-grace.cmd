run --seed 1 scenarios/delete-grace.yaml
