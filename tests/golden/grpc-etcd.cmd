run --duration 2m scenarios/grpc-etcd.yaml
