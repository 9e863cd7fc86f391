diff tests/data/docs-liveness-exec.txt scenarios/liveness-exec.yaml
