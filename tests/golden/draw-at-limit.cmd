run --duration 1m tests/data/draw-at-limit.yaml
