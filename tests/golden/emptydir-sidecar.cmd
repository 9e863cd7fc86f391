run -o logs scenarios/emptydir-sidecar.yaml
