run -o describe --describe-at 114s scenarios/liveness-http.yaml
