run scenarios/startup-slow.yaml
