run --sed 3 scenarios/crashloop.yaml
