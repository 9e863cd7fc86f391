run --explain --watch-from 2s --duration 5m scenarios/liveness-http.yaml
