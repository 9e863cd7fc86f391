run scenarios/never-error.yaml
