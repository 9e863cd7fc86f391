run --duration 6m -o describe scenarios/docs-myapp-pod.yaml
