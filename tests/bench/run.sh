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
		/usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || true
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
