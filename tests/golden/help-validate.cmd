validate -h scenarios/init-pod.yaml
