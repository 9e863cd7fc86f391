run scenarios/crashloop.yaml
