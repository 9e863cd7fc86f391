#!/bin/sh
# serve.sh PODSIM - the real kubectl against `podsim serve --step` (issue 14).
#
# Starts the server on a free loopback port (--listen 127.0.0.1:0, the bound
# port read back from the kubeconfig it writes), steps it to 90 s and checks
# that kubectl prints what podsim prints at the same virtual instant:
#   kubectl get pods           = podsim run --watch-from 90s --duration 90s
#                                (rows from the server-side Table, printPod)
#   kubectl describe pod       = podsim run -o describe --describe-at 90s, with
#                                absolute times masked (served times put virtual
#                                90 s at the wall clock) and event ages masked
#                                (kubectl ages them against its own clock)
#   kubectl logs --previous    = the previous instance of podsim run -o logs
#   kubectl get pod nosuch     = the API server's NotFound Status
#   kubectl get pods -w        = podsim run --watch-from 90s --duration 150s
#                                (started at 90 s, then the server is stepped
#                                to 150 s: the list, then one row per change)
# Every kubectl call has a timeout; the server is killed on exit.
podsim=$1
scenario=tests/serve/crash-logs.yaml
if ! command -v kubectl >/dev/null 2>&1; then
	echo "serve: SKIP (no kubectl on PATH)"
	exit 0
fi
tmp=$(mktemp -d)
pid=
wpid=
cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail=0
check() { # name expected actual
	if cmp -s "$2" "$3"; then
		echo "ok serve: $1"
	else
		echo "FAIL serve: $1"
		diff "$2" "$3" | head -20
		sed 's/^/server: /' "$tmp/server.err" | tail -20
		fail=1
	fi
}

$podsim serve --step --listen 127.0.0.1:0 --kubeconfig-out "$tmp/kubeconfig" "$scenario" \
	< /dev/null 2> "$tmp/server.err" &
pid=$!
i=0
while ! grep -q '^podsim: serving' "$tmp/server.err" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "FAIL serve: server did not start"; cat "$tmp/server.err"; exit 1
	fi
	sleep 0.1
done
server=$(sed -n 's/^    server: //p' "$tmp/kubeconfig")
export KUBECONFIG="$tmp/kubeconfig" KUBECACHEDIR="$tmp/cache"
k() { timeout 20 kubectl "$@"; }

if ! curl -s -X POST "$server/podsim/step?by=90s" > "$tmp/step" 2>&1 ||
   [ "$(cat "$tmp/step")" != "now 1m30s" ]; then
	echo "FAIL serve: step"; cat "$tmp/step"; exit 1
fi

$podsim run --watch-from 90s --duration 90s "$scenario" > "$tmp/want.get"
k get pods > "$tmp/got.get" 2>&1
check "get pods" "$tmp/want.get" "$tmp/got.get"

mask='s/^\(Start Time: *\|      Started: *\|      Finished: *\).*/\1T/'
ages='/^Events:/,$s/  [0-9][0-9smh]* \( *\)/  AGE \1/'
$podsim run -o describe --describe-at 90s "$scenario" | sed "$mask" | sed "$ages" > "$tmp/want.desc"
k describe pod crash-logs 2>&1 | sed "$mask" | sed "$ages" > "$tmp/got.desc"
check "describe pod" "$tmp/want.desc" "$tmp/got.desc"

$podsim run -o logs --duration 90s "$scenario" |
	awk '/^==> /{n++; next} n==1' > "$tmp/want.prev"
k logs --previous crash-logs > "$tmp/got.prev" 2>&1
check "logs --previous" "$tmp/want.prev" "$tmp/got.prev"

echo 'Error from server (NotFound): pods "nosuch" not found' > "$tmp/want.nf"
k get pod nosuch > "$tmp/got.nf" 2>&1
check "get pod nosuch" "$tmp/want.nf" "$tmp/got.nf"
# the watch: wait for its list, step, wait until its rows stop coming
timeout 20 kubectl get pods -w > "$tmp/got.watch" 2>&1 &
wpid=$!
i=0
while [ ! -s "$tmp/got.watch" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -X POST "$server/podsim/step?by=60s" > /dev/null
$podsim run --watch-from 90s --duration 150s "$scenario" > "$tmp/want.watch"
i=0
while ! cmp -s "$tmp/want.watch" "$tmp/got.watch" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "get pods -w" "$tmp/want.watch" "$tmp/got.watch"

# SIGTERM with a watch still open: the stream ends, the server exits 0
# (under ASan, without a leak report)
kill "$pid"
wait "$pid"
rc=$?
pid=
{ echo "exit=$rc"; grep -h 'Sanitizer\|runtime error' "$tmp/server.err"; } > "$tmp/got.exit"
echo "exit=0" > "$tmp/want.exit"
check "server stops on SIGTERM" "$tmp/want.exit" "$tmp/got.exit"
wait "$wpid" 2>/dev/null
wpid=

# --speed 20 on the wall clock: about 1 s after the start the pod's AGE
# (server side, at the run's virtual now) lies between 10 s and 60 s
start_server() { # STDIN args... (an asynchronous command's stdin is /dev/null
	in=$1; shift #  unless redirected on the command itself)
	: > "$tmp/server.err"
	$podsim serve --listen 127.0.0.1:0 --kubeconfig-out "$tmp/kubeconfig" "$@" \
		< "$in" 2> "$tmp/server.err" &
	pid=$!
	i=0
	while ! grep -q '^podsim: serving' "$tmp/server.err" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "FAIL serve: server did not start"; exit 1; }
		sleep 0.1
	done
}
start_server /dev/null --speed 20 "$scenario"
sleep 1
age=$(k get pods --no-headers 2>&1 | awk '{print $NF}')
case $age in
[1-5][0-9]s) echo "ok serve: --speed 20 (age $age after 1 s)" ;;
*) echo "FAIL serve: --speed 20: age \"$age\" after 1 s"; fail=1 ;;
esac
kill "$pid"; wait "$pid"; pid=

# --step from stdin lines: "30s" twice, then the same rows as at 60 s
mkfifo "$tmp/stdin"
exec 3<> "$tmp/stdin" # read-write: opening does not wait for a reader
start_server "$tmp/stdin" --step "$scenario"
echo 30s >&3
echo 30s >&3
$podsim run --watch-from 60s --duration 60s "$scenario" > "$tmp/want.stdin"
i=0
while ! k get pods > "$tmp/got.stdin" 2>&1 || ! cmp -s "$tmp/want.stdin" "$tmp/got.stdin"; do
	i=$((i + 1)); [ $i -gt 20 ] && break; sleep 0.1
done
check "--step from stdin" "$tmp/want.stdin" "$tmp/got.stdin"
exec 3>&-
kill "$pid"; wait "$pid"; pid=

# kubectl delete at 90 s (graceful: Terminating, then gone once the kubelet
# is done) shows in kubectl get pods -w as a delete action at 90 s does
start_server /dev/null --step "$scenario"
server=$(sed -n 's/^    server: //p' "$tmp/kubeconfig")
curl -s -X POST "$server/podsim/step?by=90s" > /dev/null
k delete pod crash-logs --wait=false > "$tmp/got.delete" 2>&1
echo 'pod "crash-logs" deleted' > "$tmp/want.delete"
check "delete pod" "$tmp/want.delete" "$tmp/got.delete"
: > "$tmp/got.dwatch"
timeout 20 kubectl get pods -w > "$tmp/got.dwatch" 2>&1 &
wpid=$!
i=0
while [ ! -s "$tmp/got.dwatch" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -X POST "$server/podsim/step?by=60s" > /dev/null
$podsim run --watch-from 90s --duration 150s tests/serve/crash-logs-delete.yaml > "$tmp/want.dwatch"
i=0
while ! cmp -s "$tmp/want.dwatch" "$tmp/got.dwatch" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "get pods -w across a delete" "$tmp/want.dwatch" "$tmp/got.dwatch"
k get pod crash-logs > "$tmp/got.gone" 2>&1
echo 'Error from server (NotFound): pods "crash-logs" not found' > "$tmp/want.gone"
check "deleted pod is gone" "$tmp/want.gone" "$tmp/got.gone"
kill "$pid"; wait "$pid"; pid=
wait "$wpid" 2>/dev/null; wpid=
exit $fail
