run --seed 1 scenarios/delete-completed.yaml
