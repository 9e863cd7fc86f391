diff -o json tests/data/docs-liveness-exec.txt scenarios/liveness-exec.yaml
