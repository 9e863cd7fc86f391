#!/bin/sh
# bench.sh PODSIM - the performance figures of performance.md, with baselines.
#
# Runs the fleet scenario (tests/fleet.sh: N pods for 1 virtual hour,
# readiness every 5 s, liveness every 10 s, 3 % crash-looping) three ways in
# the same invocation:
#   podsim        - probe workers sleep through inert ticks (the product);
#   podsim-ticks  - the same code built without the exact shortcuts (every
#                   probe tick, every full resync: the reference);
#   bench_engine  - the bare engine dispatching as many periodic timers as
#                   the fleet has probe workers, with no model behind them.
# The two podsim outputs must be byte-identical; the figures are reported
# as pod-hours per wall second and as ratios to the two baselines.
set -eu
podsim=$1
build=${BUILD:-build}
now() { date +%s.%N; }
for n in 100 1000; do
	sh tests/fleet.sh $n > "$build/fleet$n.yaml"
	t0=$(now)
	"$podsim" run --stats "$build/fleet$n.yaml" > "$build/bench$n.out" 2> "$build/bench$n.stats"
	t1=$(now)
	"$build/podsim-ticks" run --stats "$build/fleet$n.yaml" > "$build/bench$n.ticks.out" 2> "$build/bench$n.ticks.stats"
	t2=$(now)
	"$build/bench_engine" $((2 * n)) 3600 > /dev/null
	t3=$(now)
	cmp -s "$build/bench$n.out" "$build/bench$n.ticks.out" || { echo "bench: outputs differ for $n pods"; exit 1; }
	ev=$(sed -n 's/.*events=\([0-9]*\).*/\1/p' "$build/bench$n.stats")
	tev=$(sed -n 's/.*events=\([0-9]*\).*/\1/p' "$build/bench$n.ticks.stats")
	rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$build/bench$n.stats")
	awk -v n=$n -v ev=$ev -v tev=$tev -v rss=$rss -v t0=$t0 -v t1=$t1 -v t2=$t2 -v t3=$t3 'BEGIN {
		w = t1 - t0; tw = t2 - t1; bw = t3 - t2;
		printf "fleet %5d pods x 1h: %.3f s, %d events, %.0f pod-hours/s, peak RSS %.1f KiB/pod\n", n, w, ev, n / w, rss / n;
		printf "  reference without shortcuts: %.3f s, %d events (same output)  -> %.1fx faster\n", tw, tev, tw / w;
		printf "  bare engine, %d periodic timers x 1h: %.3f s  -> podsim takes %.1fx that\n", 2 * n, bw, w / bw;
	}'
done
