run scenarios/oomkilled.yaml
