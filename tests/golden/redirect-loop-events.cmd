run -o events --duration 30s tests/data/redirect-loop.yaml
