#!/usr/bin/env bash
# Golden CLI tests: every folder under fixtures/ holding an `args` file is a case.
# The command `permgraph <args>` runs from the repository root; its standard
# output, standard error and exit code must equal expected.out, expected.err
# (empty when absent) and expected.rc (0 when absent), byte for byte.
# PG_UPDATE=1 rewrites the expectations from the current output.
# Optional CASE... (folders under fixtures/) run only the cases below them.
set -u
bin=${1:?usage: golden.sh PERMGRAPH [CASE...]}
shift
roots=("$@")
[ ${#roots[@]} = 0 ] && roots=(fixtures)
cd "$(dirname "$0")/.." || exit 3
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS= read -r argsfile; do
	case_dir=$(dirname "$argsfile")
	eval "set -- $(cat "$argsfile")"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "${PG_UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$case_dir/expected.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$case_dir/expected.err"; else rm -f "$case_dir/expected.err"; fi
		if [ "$rc" != 0 ]; then echo "$rc" >"$case_dir/expected.rc"; else rm -f "$case_dir/expected.rc"; fi
	fi
	want_rc=0
	[ -f "$case_dir/expected.rc" ] && want_rc=$(cat "$case_dir/expected.rc")
	ok=1
	if ! cmp -s "$tmp/out" "$case_dir/expected.out"; then
		ok=0; echo "FAIL $case_dir: standard output differs"; diff -u "$case_dir/expected.out" "$tmp/out" | head -20
	fi
	if [ -f "$case_dir/expected.err" ]; then
		cmp -s "$tmp/err" "$case_dir/expected.err" || { ok=0; echo "FAIL $case_dir: standard error differs"; diff -u "$case_dir/expected.err" "$tmp/err" | head -20; }
	elif [ -s "$tmp/err" ]; then
		ok=0; echo "FAIL $case_dir: unexpected standard error"; head -5 "$tmp/err"
	fi
	if [ "$rc" != "$want_rc" ]; then
		ok=0; echo "FAIL $case_dir: exit code $rc, expected $want_rc"
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < <(find "${roots[@]}" -name args -type f | LC_ALL=C sort)
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
