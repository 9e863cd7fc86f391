#!/bin/sh
# triage.sh REPLAYDIR FILE... - group fuzz findings by where they fail.
#
# Replays each FILE (named HARNESS-..., as make fuzz leaves them in
# build-fuzz/crashes/) through REPLAYDIR/replay-HARNESS, best built with
# ASan + UBSan (make asan leaves them in build-asan/fuzz/), and prints one
# line per distinct failure: how many files, the first sanitizer or assert
# line (addresses and numbers blanked), the first podsim frame, and one
# example file.  A file that replays cleanly under 10 s is listed as such.
dir=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$@"; do
	[ -f "$f" ] || continue
	base=$(basename "$f")
	harness=${base#todo-}
	harness=${harness%%-*}
	UBSAN_OPTIONS=print_stacktrace=1 timeout 10 "$dir/replay-$harness" "$f" > "$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		key="replays cleanly"
	elif [ "$rc" -eq 124 ]; then
		key="timeout (over 10 s)"
	else
		what=$(grep -m 1 -E 'runtime error|ERROR: AddressSanitizer|Assertion|ERROR: LeakSanitizer' "$tmp/out" |
			sed -E 's/0x[0-9a-f]+//g; s/==[0-9]+==//; s/([^:0-9])-?[0-9]{4,}/\1N/g')
		frame=$(grep -m 1 -E '#[0-9]+ .* in [a-z_]+ (sim|tests)/' "$tmp/out" |
			sed -E 's/.* in ([a-z_]+ [^ ]+).*/\1/')
		key="${what:-exit $rc} @ ${frame:-?}"
	fi
	printf '%s\t%s\n' "$key" "$f" >> "$tmp/keys"
done
[ -s "$tmp/keys" ] || exit 0
cut -f 1 "$tmp/keys" | sort | uniq -c | sort -rn | while read -r n key; do
	example=$(grep -F -m 1 "$key	" "$tmp/keys" | cut -f 2)
	echo "$n x $key  (e.g. $example)"
done
