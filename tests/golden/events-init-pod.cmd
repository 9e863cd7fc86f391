run -o events --watch-from 16s scenarios/init-pod.yaml
