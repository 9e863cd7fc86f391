diff -o json tests/data/seed-liveness.txt tests/data/liveness-period5.yaml
