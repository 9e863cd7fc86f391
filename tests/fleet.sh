#!/bin/sh
# fleet.sh N - write a fleet scenario of N pods to stdout (performance.md):
# each pod serves HTTP with a readiness probe every 5 s and a liveness probe
# every 10 s; every 33rd pod crash-loops (exits 1 after 5 minutes).
n=${1:-1000}
i=0
while [ "$i" -lt "$n" ]; do
	if [ $((i % 33)) -eq 32 ]; then
		cmd="    command: ['sh', '-c', 'sleep 300; exit 1']"
	else
		cmd=""
	fi
	cat <<POD
---
apiVersion: v1
kind: Pod
metadata:
  name: web-$i
spec:
  containers:
  - name: web
    image: nginx:1.27
$cmd
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 10
POD
	i=$((i + 1))
done
cat <<SIM
---
apiVersion: podsim/v1
kind: Simulation
duration: 1h
kubelet:
  images:
  - {image: nginx:1.27, present: true}
SIM
