run --seed 1 -o describe --describe-at 63s scenarios/kill-sandbox.yaml
