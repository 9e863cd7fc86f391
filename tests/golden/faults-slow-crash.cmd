run --seed 1 --metrics tests/data/faults-slow-crash.yaml
