run -o wide --duration 2m scenarios/kubelet-restart.yaml
