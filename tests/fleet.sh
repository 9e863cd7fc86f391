#!/bin/sh
# fleet.sh N - write a fleet scenario of N pods to stdout (performance.md):
# each pod serves HTTP with a readiness probe every 5 s and a liveness probe
# every 10 s; every 33rd pod crash-loops (exits 1 after 5 minutes).
# One awk process (a shell loop forking cat per pod took 5 min at 100k).
n=${1:-1000}
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		cmd = i % 33 == 32 ? "    command: [\047sh\047, \047-c\047, \047sleep 300; exit 1\047]" : ""
		printf "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-%d\nspec:\n", i
		printf "  containers:\n  - name: web\n    image: nginx:1.27\n%s\n", cmd
		printf "    readinessProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: 5\n"
		printf "    livenessProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: 10\n"
	}
	printf "---\napiVersion: podsim/v1\nkind: Simulation\nduration: 1h\nkubelet:\n"
	printf "  images:\n  - {image: nginx:1.27, present: true}\n"
}'
