run --seed 1 --metrics scenarios/tuning-example.yaml
