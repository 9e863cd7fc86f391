run --duration 20s tests/data/bundle-dir
