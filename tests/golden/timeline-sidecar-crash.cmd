run -o timeline --duration 3m scenarios/sidecar-crash.yaml
