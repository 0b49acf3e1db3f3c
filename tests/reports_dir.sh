#!/usr/bin/env bash
# `permgraph scan -o DIR`: every report lands in the folder, the SARIF passes
# the SARIF 2.1.0 schema (tests/sarif/check.sh; needs `npm ci --prefix
# tests/sarif`), and the folder's reports equal the single-report outputs.
# Usage: tests/reports_dir.sh PERMGRAPH   (from anywhere; runs from the repository root)
set -u
bin=${1:?usage: reports_dir.sh PERMGRAPH}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/.." || exit 3
input=fixtures/aws/handmade
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL reports_dir: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else no "$what"; fi; }

# A path ending in '/' is created, parents too; all four reports; stderr says where.
out=$tmp/new/reports/
"$bin" scan -o "$out" "$input" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
check "exit code $rc for -o DIR/" test $rc = 0
check "nothing on standard output" test ! -s "$tmp/stdout"
for f in findings.json findings.sarif access.csv summary.md; do
	check "$f written" test -s "$out$f"
	check "stderr names $f" grep -qxF "permgraph: wrote $out$f" "$tmp/stderr"
done
check "no scan.txt without -f text" test ! -e "${out}scan.txt"
check "findings.sarif passes the SARIF 2.1.0 schema" tests/sarif/check.sh "${out}findings.sarif"
for f in json:findings.json sarif:findings.sarif csv:access.csv md:summary.md; do
	"$bin" scan -q -f "${f%%:*}" "$input" >"$tmp/single" 2>/dev/null
	check "${f#*:} equals scan -f ${f%%:*}" cmp -s "$tmp/single" "$out${f#*:}"
done

# An existing folder without the trailing '/'; -q: nothing on stderr.
mkdir -p "$tmp/existing"
"$bin" scan -q -o "$tmp/existing" "$input" >/dev/null 2>"$tmp/stderr"
rc=$?
check "-q -o existing-dir exit code $rc" test $rc = 0
check "-q is quiet" test ! -s "$tmp/stderr"
check "existing folder gets the reports" test -s "$tmp/existing/findings.sarif" -a -s "$tmp/existing/access.csv"

# -f with a folder: only that report, under its usual name.
"$bin" scan -q -f md -o "$tmp/one/" "$input" >/dev/null 2>&1
check "-f md -o DIR/ writes summary.md" test -s "$tmp/one/summary.md"
check "-f md -o DIR/ writes nothing else" test "$(ls "$tmp/one")" = summary.md

# A plain file path is still one file, as before.
"$bin" scan -q -f sarif -o "$tmp/plain.sarif" "$input" >/dev/null 2>&1
check "-o FILE writes the file" tests/sarif/check.sh "$tmp/plain.sarif"

# A folder that cannot be made is a usage error.
touch "$tmp/file"
"$bin" scan -q -o "$tmp/file/sub/" "$input" >/dev/null 2>"$tmp/stderr"
rc=$?
check "-o under a file exits 2 (got $rc)" test $rc = 2
check "-o under a file says why" grep -q "cannot create folder" "$tmp/stderr"

echo "reports_dir: $pass passed, $fail failed"
[ "$fail" = 0 ]
