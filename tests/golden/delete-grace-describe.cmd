run --seed 1 -o describe --describe-at 35s scenarios/delete-grace.yaml
