run -o timeline --duration 4m scenarios/startup-slow.yaml
