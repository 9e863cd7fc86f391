#!/bin/sh
# links.sh [ROOT] - the repository stands alone: no link or path leaves it.
#
# The developers' guide: the README and the sources link to nothing outside
# the repository.  This checks README.md and every text file under sim/,
# include/, scenarios/ and tests/ of ROOT (default: this repository), this
# script excepted (its self-test holds the faults it must find):
#  - a markdown link [text](target) in a .md file must name a file or directory of the
#    repository, relative to the linking file (a leading / is the repository
#    root), and a #fragment into a markdown file must name one of its
#    headings (GitHub's anchors: lower case, punctuation dropped, spaces to
#    hyphens).  URLs (scheme:...) are not checked; links inside fenced code
#    blocks of a markdown file are code, not links;
#  - any other "../" path is reported wherever it appears: outside a link
#    nothing says what it is relative to, and the usual meaning (next to the
#    checkout) is outside the repository.
# Upstream names such as pkg/kubelet/prober/worker.go are plain text, not
# links, and are not checked.  Each problem is one line "FILE:LINE: message";
# the last line is "links: N passed, N failed" (links and ../ references
# counted; URLs not).  Exit 1 if anything failed.
#
# `sh tests/links.sh --self-test` runs the checker on a small tree with
# known faults and compares its report with the expected one.

check_tree() {
	root=$1
	(
		cd "$root" || exit 2
		list=$(mktemp) || exit 2
		{
			[ -f README.md ] && echo README.md
			for d in sim include scenarios tests; do
				[ -d "$d" ] && find "$d" -type f ! -path tests/links.sh
			done
		} | LC_ALL=C sort | while IFS= read -r f; do
			# text files only (the fuzz corpora hold binary inputs)
			grep -Iq . "$f" 2>/dev/null && printf '%s\n' "$f"
		done > "$list"
		# shellcheck disable=SC2046 # split on blanks: repository paths have none
		awk -f - $(cat "$list") <<'EOF'
function dirname(p) { return p ~ /\// ? substr(p, 1, match(p, /\/[^\/]*$/) - 1) : "" }

# The repository-relative path a link target names, or "" if it climbs out.
function resolve(from, target,    base, n, parts, out, k, i) {
	base = substr(target, 1, 1) == "/" ? "" : dirname(from)
	n = split(base "/" target, parts, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".")
			continue
		if (parts[i] == "..") {
			if (k == 0)
				return ""
			k--
		} else
			out[++k] = parts[i]
	}
	if (k == 0)
		return "."
	target = out[1]
	for (i = 2; i <= k; i++)
		target = target "/" out[i]
	return target
}

function exists(p) { return system("test -e '" p "'") == 0 }

# GitHub's anchor for a heading line ("## How it works" -> "how-it-works").
function slug(h) {
	sub(/^#+[ \t]*/, "", h)
	sub(/[ \t]+#*[ \t]*$/, "", h)
	h = tolower(h)
	gsub(/[^a-z0-9 _-]/, "", h)
	gsub(/ /, "-", h)
	return h
}

# Load the anchors of markdown file p into anchors[p SUBSEP slug].
function load_anchors(p,    line, fenced, s) {
	if ((p SUBSEP) in loaded)
		return
	loaded[p SUBSEP] = 1
	fenced = 0
	while ((getline line < p) > 0) {
		if (line ~ /^[ \t]*```/)
			fenced = !fenced
		else if (!fenced && line ~ /^#+ /) {
			s = slug(line)
			if ((p SUBSEP s) in anchors)
				s = s "-" (++dups[p SUBSEP s])
			anchors[p SUBSEP s] = 1
		}
	}
	close(p)
}

function fail(msg) { print FILENAME ":" FNR ": " msg; failed++ }

function check_link(target,    path, frag, i) {
	if (target ~ /^[A-Za-z][A-Za-z0-9+.-]*:/)
		return  # a URL
	frag = ""
	if ((i = index(target, "#")) > 0) {
		frag = substr(target, i + 1)
		target = substr(target, 1, i - 1)
	}
	path = target == "" ? FILENAME : resolve(FILENAME, target)
	if (path == "")
		return fail("link leaves the repository: " target)
	if (!exists(path))
		return fail("link to a missing file: " target)
	if (frag != "" && path ~ /\.md$/) {
		load_anchors(path)
		if (!((path SUBSEP frag) in anchors))
			return fail("link to a missing heading: " target "#" frag)
	}
	passed++
}

FNR == 1 { fenced = 0; markdown = FILENAME ~ /\.md$/ }
markdown && /^[ \t]*```/ { fenced = !fenced }
{
	line = $0
	if (markdown && !fenced) {
		rest = ""
		while (match(line, /\[[^]]*\]\([^) \t'"]+\)/)) {
			link = substr(line, RSTART, RLENGTH)
			check_link(substr(link, index(link, "](") + 2, RLENGTH - index(link, "](") - 2))
			rest = rest substr(line, 1, RSTART - 1) " "
			line = substr(line, RSTART + RLENGTH)
		}
		line = rest line
	}
	while (match(line, /(^|[^.A-Za-z0-9_])\.\.\/[^ \t'"`)]*/)) {
		ref = substr(line, RSTART, RLENGTH)
		sub(/^[^.]/, "", ref)
		fail("path leaves the repository: " ref)
		line = substr(line, RSTART + RLENGTH)
	}
}
END {
	printf "links: %d passed, %d failed\n", passed, failed
	exit (failed > 0)
}
EOF
		status=$?
		rm -f "$list"
		exit $status
	)
}

self_test() {
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	mkdir -p "$t/sim" "$t/scenarios"
	cat > "$t/README.md" <<'EOF'
# demo
## How it works
[a source](sim/a.c), [a heading](#how-it-works), [the web](https://example.com/x)
See [the reference](../shared/docs/kubelet-semantics.md) and [notes](docs/notes.md).
[gone](#no-such-heading), [a folder](scenarios), [up and back](sim/../README.md#demo)
```
[inside a fence](not/a/link.md) ../inside/a/fence/still/leaves
```
EOF
	cat > "$t/sim/a.c" <<'EOF'
/* a.c - mirrors pkg/kubelet/prober/worker.go (a name, not a link) */
static const char *probe = "http://:8080/healthz";
/* see ../shared/docs/kubelet-semantics.md and .../ellipsis */
EOF
	echo '# scenario' > "$t/scenarios/s.yaml"
	cat > "$t/expected" <<'EOF'
README.md:4: link leaves the repository: ../shared/docs/kubelet-semantics.md
README.md:4: link to a missing file: docs/notes.md
README.md:5: link to a missing heading: #no-such-heading
README.md:7: path leaves the repository: ../inside/a/fence/still/leaves
sim/a.c:3: path leaves the repository: ../shared/docs/kubelet-semantics.md
links: 4 passed, 5 failed
EOF
	check_tree "$t" > "$t/got"
	status=$?
	if [ $status -eq 1 ] && cmp -s "$t/expected" "$t/got"; then
		echo "links self-test: ok"
		return 0
	fi
	echo "links self-test: FAILED (exit $status, want 1); expected vs got:"
	diff "$t/expected" "$t/got"
	return 1
}

if [ "$1" = "--self-test" ]; then
	self_test
else
	check_tree "${1:-$(dirname "$0")/..}"
fi
