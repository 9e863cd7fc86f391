validate tests/data/bad-probe.yaml
