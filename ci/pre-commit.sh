#!/usr/bin/env bash
# pre-commit hook: check the staged infrastructure-as-code and policy files with permgraph.
# pre-commit passes the staged file names; each is scanned (Terraform plans in JSON,
# CloudFormation and ARM templates, IAM policy documents read as templates are not:
# policies go through `permgraph validate`). Exit 1 blocks the commit when a finding at
# or above PERMGRAPH_FAIL_ON (default: high) is found; 2 when a file cannot be read.
#
# Environment: PERMGRAPH (the binary, default: permgraph on PATH), PERMGRAPH_CONFIG
# (a permgraph.yaml; default: ./permgraph.yaml when present), PERMGRAPH_FAIL_ON.
set -u
bin=${PERMGRAPH:-permgraph}
fail_on=${PERMGRAPH_FAIL_ON:-high}
if ! command -v "$bin" >/dev/null 2>&1; then
	echo "permgraph pre-commit: '$bin' not found (install it: make install, or set PERMGRAPH)" >&2
	exit 2
fi
[ $# -gt 0 ] || exit 0
config=()
if [ -n "${PERMGRAPH_CONFIG:-}" ]; then config=(-c "$PERMGRAPH_CONFIG"); fi
policies=() templates=()
for f in "$@"; do
	[ -f "$f" ] || continue
	# a standalone policy document has a top-level "Statement"; everything else is an input to scan
	if grep -q '"Statement"\|^Statement:' "$f" && ! grep -q 'AWSTemplateFormatVersion\|"Resources"\|^Resources:\|"resource_changes"\|deploymentTemplate' "$f"; then
		policies+=("$f")
	else
		templates+=("$f")
	fi
done
rc=0
if [ ${#policies[@]} -gt 0 ]; then
	"$bin" validate --fail-on "$fail_on" "${policies[@]}" || rc=$?
fi
if [ ${#templates[@]} -gt 0 ]; then
	"$bin" scan "${config[@]}" -q --fail-on "$fail_on" "${templates[@]}" >/tmp/permgraph-pre-commit.$$ 2>&1
	r=$?
	if [ $r != 0 ]; then
		sed '/^access to synthetic stores:/,$d' /tmp/permgraph-pre-commit.$$
		[ $r -gt $rc ] && rc=$r
	fi
	rm -f /tmp/permgraph-pre-commit.$$
fi
exit $rc
