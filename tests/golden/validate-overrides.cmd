validate scenarios/startup-slow.yaml
