#!/bin/sh
# options.sh PODSIM - every option cannot drift from its documentation.
#
# Reads the option table of sim/main.c (each entry starts on a line of its
# own: `{"--name", VALUE, CMDS,`) and checks that each option is listed by
# the --help of every subcommand its CMDS names and appears in the man page
# sim/podsim.1 (written there with troff's \- for each dash); the options
# that the --help of sweep, merge and tune lists (their own parsers) must be
# in the man page too.  Every subcommand's --help exits 0, and the man page
# renders without groff warnings.
podsim=$1
man=sim/podsim.1
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check CONDITION-STATUS MESSAGE
	if [ "$1" -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL $2"; fail=$((fail + 1)); fi
}

in_man() { # in_man OPTION: is it in the man page?
	grep -qF -- "$(printf '%s' "$1" | sed 's/-/\\-/g')" "$man"
}

for cmd in run validate diff sweep merge tune; do
	$podsim $cmd --help > "$tmp/$cmd" 2>&1
	check $? "podsim $cmd --help exits 0"
done
$podsim --help > "$tmp/top" 2>&1
check $? "podsim --help exits 0"

table=$(sed -n '/^} options\[\] = {$/,/^};$/p' sim/main.c | grep '^	{"')
[ -n "$table" ]
check $? "sim/main.c: option table found"
printf '%s\n' "$table" > "$tmp/table"
while IFS= read -r line; do
	name=$(printf '%s' "$line" | sed 's/^	{"\([^"]*\)".*/\1/')
	cmds=$(printf '%s' "$line" | cut -d, -f3)
	in_man "$name"
	check $? "$name is not in $man"
	for cmd in run validate diff; do
		upper=$(echo "$cmd" | tr a-z A-Z)
		case $cmds in
		*CMD_ALL* | *CMD_$upper*)
			grep -qE -- "^  $name( |\$)" "$tmp/$cmd"
			check $? "$name is not in podsim $cmd --help" ;;
		esac
	done
done < "$tmp/table"

for cmd in sweep merge tune; do
	for name in $(grep -oE '^  (--[a-z-]+|-[a-z])|, --[a-z-]+' "$tmp/$cmd" | sed 's/^, //'); do
		in_man "$name"
		check $? "$cmd's $name is not in $man"
	done
done
in_man --version
check $? "--version is not in $man"

if command -v groff > /dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	[ -z "$warnings" ]
	check $? "groff warns about $man: $warnings"
fi
echo "options: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
