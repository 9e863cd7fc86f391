run -o logs scenarios/emptydir-restarts.yaml
