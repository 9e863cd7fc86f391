#!/bin/sh
# bench.sh PODSIM - the performance figures of performance.md, with a baseline.
#
# Runs the fleet scenario (tests/fleet.sh: N pods for 1 virtual hour,
# readiness every 5 s, liveness every 10 s, 3 % crash-looping) and, in the
# same invocation, the bare engine dispatching as many periodic timers
# (build/bench_engine).  Reports pod-hours per wall second, events per
# second, and podsim's cost per event as a ratio to the bare engine's.
set -eu
podsim=$1
build=${BUILD:-build}
now() { date +%s.%N; }
for n in 100 1000; do
	sh tests/fleet.sh $n > "$build/fleet$n.yaml"
	t0=$(now)
	"$podsim" run --stats "$build/fleet$n.yaml" > /dev/null 2> "$build/bench$n.stats"
	t1=$(now)
	events=$(sed -n 's/.*events=\([0-9]*\).*/\1/p' "$build/bench$n.stats")
	rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$build/bench$n.stats")
	t2=$(now)
	base=$("$build/bench_engine" $((2 * n)) 3600 | sed 's/events=//')
	t3=$(now)
	awk -v n=$n -v ev=$events -v t0=$t0 -v t1=$t1 -v be=$base -v t2=$t2 -v t3=$t3 -v rss=$rss 'BEGIN {
		w = t1 - t0; bw = t3 - t2;
		printf "fleet %5d pods x 1h: %.3f s wall, %d events, %.0f pod-hours/s, %.2f M events/s, %.0f ns/event, peak RSS %d KiB (%.1f KiB/pod)\n", n, w, ev, n / w, ev / w / 1e6, w * 1e9 / ev, rss, rss / n;
		printf "baseline engine %5d timers x 1h: %.3f s wall, %d events, %.0f ns/event\n", 2 * n, bw, be, bw * 1e9 / be;
		printf "ratio: podsim costs %.1fx the bare engine per event\n", (w / ev) / (bw / be);
	}'
done
