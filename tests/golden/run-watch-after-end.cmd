run --watch-from 20m --duration 1m scenarios/crashloop.yaml
