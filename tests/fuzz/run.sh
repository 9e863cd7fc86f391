#!/bin/sh
# run.sh BUILD SECONDS HARNESS... - run each libFuzzer harness for SECONDS.
#
# One harness at a time, one process (-fork=1: a crash, timeout or OOM is
# saved to BUILD/crashes/ and fuzzing goes on, so one known defect does not
# end the run), niced to share the machine.  The working corpus is
# BUILD/corpus/HARNESS, seeded from tests/fuzz/corpus/HARNESS and kept
# between runs; tests/fuzz/HARNESS.dict, when present, gives the tokens of
# its syntax.  The last lines of each run are its execs and coverage.
build=$1
seconds=$2
shift 2
mkdir -p "$build/crashes"
for h in "$@"; do
	corpus=$build/corpus/$h
	mkdir -p "$corpus"
	cp tests/fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null
	dict=
	[ -f tests/fuzz/"$h".dict ] && dict=-dict=tests/fuzz/$h.dict
	log=$build/fuzz-$h.log
	echo "fuzz $h: $seconds s, log $log"
	nice -n 10 "$build/fuzz/fuzz-$h" -max_total_time="$seconds" -fork=1 \
		-ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 $dict \
		-artifact_prefix="$build/crashes/$h-" "$corpus" > "$log" 2>&1
	grep -E '^#[0-9]+: cov:' "$log" | tail -1
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|INFO: exiting)' "$log"
	n=$(ls "$build/crashes" | grep -c "^$h-")
	echo "fuzz $h: $n artifacts in $build/crashes/ (all runs)"
done
