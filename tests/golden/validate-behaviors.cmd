validate scenarios/init-pod.yaml
