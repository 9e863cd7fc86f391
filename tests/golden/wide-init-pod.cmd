run -o wide --watch-from 16s scenarios/init-pod.yaml
