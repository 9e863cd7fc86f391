diff --watch-from 57s --duration 1m tests/data/docs-liveness-exec-events.txt scenarios/liveness-exec.yaml
