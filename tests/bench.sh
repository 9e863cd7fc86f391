#!/bin/sh
# bench.sh PODSIM - the figures of issue 9 / performance.md in one table.
#
# The fleet scenario (tests/fleet.sh: N pods for 1 virtual hour, readiness
# every 5 s, liveness every 10 s, every 33rd pod crash-looping) at 1k, 10k
# and 100k pods (and 1M with BENCH_BIG=1), measured against, in the same
# invocation:
#   podsim-ticks  - the same code without the exact shortcuts (every probe
#                   tick, every full resync): the reference, at 1k and 10k
#                   (BENCH_TICKS="1000" to skip 10k); its output must be
#                   byte-identical in every output mode at 1k;
#   SimPy, heapq  - tests/simpy_fleet.py and tests/heapq_fleet.py, far
#                   smaller models of the same fleet (1k only; skipped if
#                   /usr/bin/python3 or SimPy is missing);
#   bench_engine  - the bare engine with as many periodic timers.
# Times are CPU seconds (user + sys, best of BENCH_REPS runs at 1k) because
# the machine is shared; wall seconds are shown beside them.  "cost" is
# CPU microseconds per pod-hour; "vs 1k" is that cost over the 1k cost
# (linear = 1.0).
set -eu
podsim=$1
build=${BUILD:-build}
reps=${BENCH_REPS:-3}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
[ "${BENCH_BIG:-0}" = 1 ] && sizes="$sizes 1000000"
ticks_sizes=${BENCH_TICKS:-"1000 10000"}
py=/usr/bin/python3
tab=$build/bench.table
: > "$tab"

# run NAME PODS REPS CMD... - best CPU time of REPS runs; stdout kept in
# $build/bench.NAME.out, stderr (podsim --stats) in $build/bench.NAME.err
run() {
	name=$1 pods=$2 times=$3
	shift 3
	best=
	i=0
	while [ "$i" -lt "$times" ]; do
		/usr/bin/time -f "%U %S %e %M" -o "$build/bench.time" "$@" \
			> "$build/bench.$name.out" 2> "$build/bench.$name.err"
		read -r u s e m < "$build/bench.time"
		cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
		if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$cpu wall=$e rss=$m
		fi
		i=$((i + 1))
	done
	ev=$(sed -n 's/.*events=\([0-9]*\).*/\1/p' "$build/bench.$name.err")
	echo "$name $pods $best $wall $rss ${ev:-0}" >> "$tab"
}

# kB of memory a run may take: skip sizes that cannot fit (1M pods at
# ~36 KiB per pod needs ~36 GB).
avail=$(awk '/MemAvailable/ { print $2 }' /proc/meminfo 2> /dev/null || echo 0)
for n in $sizes; do
	if [ "$avail" -gt 0 ] && [ $((n * 40)) -gt "$avail" ]; then
		echo "bench: skipping $n pods: ~$((n * 40 / 1024)) MB needed, $((avail / 1024)) MB available"
		continue
	fi
	sh tests/fleet.sh "$n" > "$build/fleet$n.yaml"
	r=1
	[ "$n" = 1000 ] && r=$reps
	run "podsim-$n" "$n" "$r" "$podsim" run --stats "$build/fleet$n.yaml"
	case " $ticks_sizes " in *" $n "*)
		run "ticks-$n" "$n" 1 "$build/podsim-ticks" run --stats "$build/fleet$n.yaml"
		cmp -s "$build/bench.podsim-$n.out" "$build/bench.ticks-$n.out" ||
			{ echo "bench: podsim and podsim-ticks differ at $n pods"; exit 1; } ;;
	esac
done
for o in wide json events describe; do
	"$podsim" run -o $o "$build/fleet1000.yaml" > "$build/bench.o.out"
	"$build/podsim-ticks" run -o $o "$build/fleet1000.yaml" | cmp -s - "$build/bench.o.out" ||
		{ echo "bench: podsim and podsim-ticks differ at 1000 pods, -o $o"; exit 1; }
done
run engine-1000 1000 "$reps" "$build/bench_engine" 2000 3600
if [ -x "$py" ]; then
	run heapq-1000 1000 1 "$py" tests/heapq_fleet.py 1000 1
	if "$py" -c 'import simpy' 2> /dev/null; then
		run simpy-1000 1000 1 "$py" tests/simpy_fleet.py 1000 1
	fi
fi

awk '
{ name[NR] = $1; pods[NR] = $2; cpu[NR] = $3; wall[NR] = $4; rss[NR] = $5; ev[NR] = $6
  if ($1 == "podsim-1000") base = NR }
END {
	c1 = cpu[base] / pods[base] * 1e6
	printf "%-14s %8s %8s %8s %10s %11s %9s %9s %6s %s\n", "run", "pods", "cpu s", "wall s",
	       "pod-h/s", "events", "events/s", "KiB/pod", "vs 1k", "cost (cpu us/pod-h)"
	for (i = 1; i <= NR; i++) {
		ph = pods[i] / cpu[i]
		c = cpu[i] / pods[i] * 1e6
		printf "%-14s %8d %8.3f %8.2f %10.0f %11d %9.3g %9.1f %6.2f %.0f\n", name[i], pods[i],
		       cpu[i], wall[i], ph, ev[i], ev[i] ? ev[i] / cpu[i] : 0, rss[i] / pods[i], c / c1, c
	}
}' "$tab"
echo "# vs 1k: cost per pod-hour over podsim's at 1k pods (podsim rows: linearity;"
echo "# ticks: how much the exact shortcuts save; heapq/simpy/engine: the yardsticks,"
echo "# whose models are far smaller).  All podsim-ticks outputs were byte-identical."
# single-pod runs/s: see tests/bench_runs (the "runs" work adds its line here)
