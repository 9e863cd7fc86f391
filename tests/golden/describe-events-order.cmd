run -o describe tests/data/describe-events-order.yaml
