#!/bin/sh
# bad.sh PODSIM - the bad-input suite: run every tests/bad/*.case.
#
# A case file (run from the repository root):
#     # one line: what this checks and which defect/class
#     args: run --duration 1m tests/bad/NAME.yaml
#     exit: 2
#     stderr: tests/bad/NAME.yaml:5:7: spec.containers[0].image: ...
#     stdin: FILE        (optional; default /dev/null)
#     stdout: FILE       (optional; the exact expected stdout)
# args is split on spaces (no quoting, no globbing); stderr is the exact
# first line of stderr, an empty value means no stderr at all and `*`
# anything.  Each case runs under `timeout 10`: a timeout is a failure.
#
# A case named todo-*.case records the behaviour a known, not yet fixed
# defect should end up with: it is run and counted as todo, never as a
# failure (a todo case that passes is pointed out, to be renamed).
# PODSIM may be a command with arguments (e.g. valgrind ... ./podsim).
podsim=$1
pass=0
fail=0
todo=0
fixed=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# field NAME CASEFILE: the value of "NAME: value" (one optional space).
field() {
	sed -n "s/^$1: \{0,1\}//p" "$2" | head -n 1
}

# check CASEFILE: run one case; prints the reason and returns 1 on mismatch.
check() {
	args=$(field args "$1")
	want_exit=$(field exit "$1")
	want_err=$(field stderr "$1")
	in=$(field stdin "$1")
	want_out=$(field stdout "$1")
	if [ -z "$args" ] || [ -z "$want_exit" ] || ! grep -q '^stderr:' "$1"; then
		echo "malformed case (needs args:, exit: and stderr:)"
		return 1
	fi
	set -f # split args and podsim on spaces, without globbing
	# shellcheck disable=SC2086
	timeout 10 $podsim $args < "${in:-/dev/null}" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	set +f
	got_err=$(head -n 1 "$tmp/err")
	if [ "$rc" -eq 124 ]; then
		echo "timed out after 10 s"
		return 1
	fi
	if [ "$rc" != "$want_exit" ]; then
		echo "exit $rc, want $want_exit; stderr: $got_err"
		return 1
	fi
	if [ "$want_err" = "" ] && [ -s "$tmp/err" ]; then
		echo "stderr should be empty, got: $got_err"
		return 1
	fi
	if [ "$want_err" != "*" ] && [ "$got_err" != "$want_err" ]; then
		echo "stderr: got  $got_err"
		echo "        want $want_err"
		return 1
	fi
	if [ -n "$want_out" ] && ! cmp -s "$want_out" "$tmp/out"; then
		echo "stdout differs from $want_out"
		diff "$want_out" "$tmp/out" | head -n 10
		return 1
	fi
	return 0
}

for case in tests/bad/*.case; do
	[ -e "$case" ] || continue
	name=$(basename "$case" .case)
	check "$case" > "$tmp/why"
	ok=$?
	case $name in
	todo-*)
		todo=$((todo + 1))
		[ "$ok" -eq 0 ] && fixed="$fixed $name"
		;;
	*)
		if [ "$ok" -eq 0 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $name:"
			sed 's/^/    /' "$tmp/why"
		fi
		;;
	esac
done
[ -n "$fixed" ] && echo "bad-input: todo cases passing with $podsim (rename once make asan passes them too):$fixed"
echo "bad-input: $todo todo (known defects, not counted)"
echo "bad-input: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
