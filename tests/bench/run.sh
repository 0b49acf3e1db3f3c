#!/usr/bin/env bash
# make bench — time and peak memory of permgraph on generated and real inputs.
# Prints a Markdown table; copy it into tests/bench/RESULTS.md with the date and machine.
set -eu
bin=${1:?usage: run.sh PERMGRAPH}
cd "$(dirname "$0")/../.."
out=build/bench
mkdir -p "$out"
cc -O2 -o "$out/gen_authz" tests/bench/gen_authz.c
cc -O2 -o "$out/gen_azure" tests/bench/gen_azure.c
measure() {  # label, then the command
	local label=$1; shift
	local best="" mem=""
	for _ in 1 2 3; do
		last_rc=0
		/usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || last_rc=$?
		read -r t m < <(tail -n 1 "$out/time.txt")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
	done
	printf '| %s | %s s | %s MiB |\n' "$label" "$best" "$(awk "BEGIN{printf \"%.1f\", $mem/1024}")"
}
echo "| case | time (best of 3) | peak RSS |"
echo "|---|---|---|"
for n in 1000 10000; do
	"$out/gen_authz" "$n" > "$out/authz-$n.json"
	size=$(du -h "$out/authz-$n.json" | cut -f1)
	measure "who-can s3:GetObject, $n roles ($size)" "$bin" who-can s3:GetObject arn:aws:s3:::synth-7/data/x "$out/authz-$n.json"
	measure "explain one request, $n roles" "$bin" explain arn:aws:iam::111111111111:role/r5 s3:GetObject arn:aws:s3:::synth-7/data/x "$out/authz-$n.json"
done
largest=$(ls -S fixtures/aws/authz-details/*.json 2>/dev/null | head -1 || true)
if [ -n "$largest" ]; then
	measure "who-can s3:GetObject, largest example ($(basename "$largest"))" "$bin" who-can s3:GetObject 'arn:aws:s3:::example/x' "$largest"
fi
# Azure: 50,000 role assignments over 200,000 resources (issue 3's size), and a smaller tenant.
for spec in "5000 20000" "50000 200000"; do
	set -- $spec
	dir="$out/azure-$1"
	mkdir -p "$dir"
	"$out/gen_azure" "$1" "$2" "$dir"
	size=$(du -sh "$dir" | cut -f1)
	container=/subscriptions/00000001-5b5b-4c4c-8d8d-000000000001/resourceGroups/rg-0/providers/Microsoft.Storage/storageAccounts/r0/blobServices/default/containers/synthetic
	measure "azure who-can blobs/read on a container, $1 assignments, $2 resources ($size)" "$bin" who-can \
		Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read "$container" "$dir"
	measure "azure explain one request, $1 assignments" "$bin" explain 00000001-0a0a-4b4b-8c8c-000000000001 \
		Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read "$container" "$dir"
done
# Whole estates from tests/bench/gen_estate.c (tests/bench/README.md): an AWS organization and an Azure
# tenant together, S (1k principals, 10k resources) and M (10k, 100k); L (100k, 1M) with BENCH_L=1.
# Until `scan` exists, who-can over the whole estate folder is the end-to-end figure: every file is
# read and the model built, then one question is asked (a synthetic bucket, a synthetic container).
cc -O2 -o "$out/gen_estate" tests/bench/gen_estate.c
sizes="S M"
if [ "${BENCH_L:-0}" = 1 ]; then sizes="S M L"; fi
for size in $sizes; do
	dir="$out/estate-$size"
	rm -rf "$dir"
	/usr/bin/time -f "%e %M" -o "$out/time.txt" "$out/gen_estate" "$size" "${BENCH_SEED:-1}" "$dir" 2>"$out/gen.txt"
	read -r t m < <(tail -n 1 "$out/time.txt")
	bytes=$(sed -n 's/.*(\([0-9]*\) bytes).*/\1/p' "$out/gen.txt")
	files=$(sed -n 's/.*: \([0-9]*\) files,.*/\1/p' "$out/gen.txt")
	mb=$(awk "BEGIN{printf \"%.1f\", $bytes/1048576}")
	printf '| generate estate %s: %s bytes (%s MiB) in %s files | %s s | %s MiB |\n' "$size" "$bytes" "$mb" "$files" \
		"$t" "$(awk "BEGIN{printf \"%.1f\", $m/1024}")"
	bucket=$(sed -n 's/^AWS_OBJECT=//p' "$dir/probes.env")
	container=$(sed -n 's/^AZ_CONTAINER=//p' "$dir/probes.env")
	measure "estate $size ($mb MiB): who-can s3:GetObject on a synthetic bucket" "$bin" who-can s3:GetObject \
		"$bucket" "$dir/estate"
	# every generated file must be read without an error (exit 2) and none skipped; warnings about
	# orphaned role assignments are expected
	if [ "$last_rc" != 0 ] || grep -q 'skipped' "$out/err.txt"; then
		echo "run.sh: estate $size: exit $last_rc, the readers reported errors or skipped files:" >&2
		grep -v 'warning: ' "$out/err.txt" | head -n 20 >&2
	fi
	measure "estate $size ($mb MiB): who-can blobs/read on a synthetic container" "$bin" who-can \
		Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read "$container" "$dir/estate"
done
# scan end to end on the estates (one run each: S takes seconds, M minutes): input bytes, parse time
# (reading every file into the model), analysis time (scan's stages, from `scan -v`), total wall time
# and peak RSS. BENCH_SCAN=S,M picks the sizes (default: S; M and L take long until principals and
# resources the policies cannot tell apart are grouped — see RESULTS.md).
echo
echo "| scan | input bytes | parse | analysis | total | peak RSS | findings | access entries |"
echo "|---|---|---|---|---|---|---|---|"
for size in $(echo "${BENCH_SCAN:-S}" | tr ',' ' '); do
	dir="$out/estate-$size"
	[ -d "$dir/estate" ] || "$out/gen_estate" "$size" "${BENCH_SEED:-1}" "$dir" 2>/dev/null
	bytes=$(du -sb "$dir/estate" | cut -f1)
	/usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" scan -v -c "$dir/permgraph.yaml" -f json \
		-o "$out/scan-$size.json" "$dir/estate" 2>"$out/scan-$size.err" || true
	read -r t m < <(tail -n 1 "$out/time.txt")
	parse=$(sed -n 's/^permgraph: read .*, \([0-9.]*\) s$/\1/p' "$out/scan-$size.err")
	analysis=$(sed -n 's/^permgraph: scan: .*: \([0-9.]*\) s$/\1/p' "$out/scan-$size.err" | awk '{s+=$1} END{printf "%.2f", s}')
	findings=$(grep -c '"rule":' "$out/scan-$size.json" || true)
	entries=$(grep -c '"principal": ' "$out/scan-$size.json" || true)
	printf '| %s | %s | %s s | %s s | %s s | %s MiB | %s | %s |\n' "$size" "$bytes" "$parse" "$analysis" "$t" \
		"$(awk "BEGIN{printf \"%.1f\", $m/1024}")" "$findings" "$((entries - findings))"
	sed -n 's/^permgraph: scan: \(.*\): \([0-9.]*\) s$/|   stage: \1 | | | \2 s | | | | |/p' "$out/scan-$size.err"
done
