run scenarios/probe-timeout.yaml
