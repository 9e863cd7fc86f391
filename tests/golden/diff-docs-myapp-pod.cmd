diff tests/data/docs-myapp-pod.txt scenarios/docs-myapp-pod.yaml
