diff tests/data/seed-liveness.txt tests/data/liveness-http-wide.txt
