sweep --set spec.containers[0].livenessProbe.periodSeconds=3..9/3 --set spec.containers[0].livenessProbe.failureThreshold=1,3 --seeds 1..10 -j 2 --duration 5m scenarios/liveness-http.yaml
