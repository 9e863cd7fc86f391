run scenarios/liveness-exec.yaml
