run -o logs scenarios/init-pod.yaml
