#!/usr/bin/env bash
# make demo — scan the bundled demo estate (fixtures/demo: the Synthetica SaaS, an AWS
# organization and an Azure tenant with the failure patterns of a failed synthetic-data
# audit seeded in; fixtures/demo/README.md tells the story) with its permgraph.yaml,
# write the reports to reports/demo/, print the summary and where the reports are.
set -u
bin=${1:?usage: demo.sh PERMGRAPH}
cd "$(dirname "$0")/.." || exit 3
estate=fixtures/demo
config=$estate/permgraph.yaml
out=reports/demo
mkdir -p "$out" || exit 3
find "$out" -mindepth 1 -maxdepth 1 -type f -delete

# The demo's config says fail_on: high, and the estate is seeded with high and critical
# findings, so scan exits 1 — that is the demo working, not failing: only 2 (usage or
# input error) and 3 (internal error) make the demo fail.
scan_ok() {
	[ "$1" -le 1 ] && return 0
	echo "demo: permgraph scan failed (exit $1); see $out/scan.log" >&2
	cat "$out/scan.log" >&2
	exit "$1"
}

# Notes on standard error (files the scan does not read, checks not run yet) go to a log;
# the text report says the same where it matters.
# scan -o DIR writes every report at once (findings.json, findings.sarif, access.csv,
# summary.md, report.html); the text report is what the terminal shows.
"$bin" scan -c "$config" -o "$out/" "$estate" 2>"$out/scan.log"
scan_ok $?
"$bin" scan -c "$config" "$estate" >"$out/summary.txt" 2>>"$out/scan.log"
scan_ok $?

# Least-privilege replacements for the grants that reach synthetic data, each verified.
"$bin" suggest -q -c "$config" "$estate" >"$out/suggestions.txt" 2>>"$out/scan.log" || scan_ok $?
"$bin" suggest -q -c "$config" -f json -o "$out/suggestions.json" "$estate" 2>>"$out/scan.log" || scan_ok $?

# The permission graph, when this build has `permgraph graph`.
if "$bin" help graph >/dev/null 2>&1; then
	if ! "$bin" graph -c "$config" -f svg -o "$out/graph.svg" "$estate" 2>>"$out/scan.log"; then
		rm -f "$out/graph.svg"
		"$bin" graph -c "$config" -f dot -o "$out/graph.dot" "$estate" 2>>"$out/scan.log" ||
			rm -f "$out/graph.dot"
	fi
fi

echo "\$ permgraph scan -c $config $estate"
echo
# The summary and the findings; the access list (every principal x synthetic store) is
# long: it stays in the report.
sed '/^access to synthetic stores:/,$d' "$out/summary.txt"
echo "access to synthetic stores: $(grep -Ec '^  (allow|conditional) ' "$out/summary.txt") entries, in $out/summary.txt"
echo
echo "\$ permgraph suggest -c $config $estate"
head -n 1 "$out/suggestions.txt"
grep '^\[' "$out/suggestions.txt" | sed 's/^/  /'
echo "  (the policies and what each removes: $out/suggestions.txt)"
echo
echo "reports written to $out/:"
for f in "$out"/*; do
	case $f in
	*/scan.log) ;;
	*) echo "  $f" ;;
	esac
done
echo "the estate and what each finding means: $estate/README.md"
exit 0
