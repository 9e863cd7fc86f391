#!/bin/sh
# golden.sh PODSIM [--update] - run every tests/golden/*.cmd and compare with .out.
#
# A .cmd file holds the arguments of one podsim invocation (one line, run by
# the shell from the repository root).  The .out file is its expected stdout
# and stderr followed by a line "exit=N".  Each case also runs a second time
# and must give the same bytes (determinism).  --update rewrites the .out
# files: explain every changed golden in the commit message.
podsim=$1
update=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cmd in tests/golden/*.cmd; do
	[ -e "$cmd" ] || continue
	name=$(basename "$cmd" .cmd)
	out=tests/golden/$name.out
	args=$(cat "$cmd")
	eval "$podsim $args" > "$tmp/a" 2>&1
	echo "exit=$?" >> "$tmp/a"
	if [ "$update" = "--update" ]; then
		cp "$tmp/a" "$out"
		echo "updated $out"
		continue
	fi
	eval "$podsim $args" > "$tmp/b" 2>&1
	echo "exit=$?" >> "$tmp/b"
	if ! cmp -s "$tmp/a" "$tmp/b"; then
		echo "FAIL $name: two runs differ (determinism)"
		fail=$((fail + 1))
	elif ! diff -u "$out" "$tmp/a" > "$tmp/d" 2>&1; then
		echo "FAIL $name: output differs from $out"
		head -40 "$tmp/d"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
