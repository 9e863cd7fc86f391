run -o wide --duration 2m scenarios/lifecycle-sleep-hooks.yaml
