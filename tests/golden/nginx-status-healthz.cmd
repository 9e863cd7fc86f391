run --duration 10m scenarios/nginx-status-healthz.yaml
