run --seed 1 -o describe --describe-at 15s scenarios/sidecars-reverse-order.yaml
