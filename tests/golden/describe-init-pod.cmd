run -o describe scenarios/init-pod.yaml
