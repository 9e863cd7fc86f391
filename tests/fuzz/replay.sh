#!/bin/sh
# replay.sh DIR - replay every kept fuzz input through DIR/replay-HARNESS.
#
# tests/fuzz/crashers/HARNESS-NAME.EXT goes to the harness its name starts
# with (tests/fuzz/fuzz_HARNESS.c); tests/data/fuzz/*.yaml, found by an
# earlier scenario fuzzer, go to the scenario harness.  Each must return
# within 10 s without a crash, an abort or a sanitizer report.  A file named
# todo-HARNESS-NAME.EXT is a crasher whose defect is not fixed yet: it is run
# and counted as todo, never as a failure (tests/fuzz/crashers/README says
# what each one is).
dir=$1
pass=0
fail=0
todo=0
fixed=
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in tests/fuzz/crashers/* tests/data/fuzz/*; do
	[ -e "$f" ] || continue
	base=$(basename "$f")
	[ "$base" = README ] && continue
	case $f in
	tests/data/fuzz/*) harness=scenario ;;
	*) harness=${base#todo-}; harness=${harness%%-*} ;;
	esac
	if [ ! -x "$dir/replay-$harness" ]; then
		echo "FAIL $f: no harness \"$harness\" ($dir/replay-$harness)"
		fail=$((fail + 1))
		continue
	fi
	UBSAN_OPTIONS=print_stacktrace=1 timeout 10 "$dir/replay-$harness" "$f" > "$tmp" 2>&1
	rc=$?
	case $base in
	todo-*)
		todo=$((todo + 1))
		[ "$rc" -eq 0 ] && fixed="$fixed $base"
		;;
	*)
		if [ "$rc" -eq 0 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			[ "$rc" -eq 124 ] && echo "FAIL $f: timed out after 10 s" || echo "FAIL $f: exit $rc"
			grep -E 'runtime error|ERROR|SUMMARY|Assertion' "$tmp" | head -n 5
		fi
		;;
	esac
done
[ -n "$fixed" ] && echo "fuzz-replay: todo crashers passing with $dir (rename once make asan passes them too):$fixed"
echo "fuzz-replay: $todo todo (known defects, not counted)"
echo "fuzz-replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
