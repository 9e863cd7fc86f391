run -o json --duration 40s scenarios/init-pod.yaml
