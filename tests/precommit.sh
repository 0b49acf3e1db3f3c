#!/usr/bin/env bash
# The pre-commit hook (ci/pre-commit.sh, declared in .pre-commit-hooks.yaml) on a
# fixture repository: a git repository whose staged files are passed to the hook as
# pre-commit passes them. A public bucket template and an admin policy block the commit
# (exit 1), clean files pass (0), an unreadable template is an input error (2).
# Usage: tests/precommit.sh PERMGRAPH
set -u
bin=${1:?usage: precommit.sh PERMGRAPH}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
repo=$tmp/repo
git init -q "$repo" && git -C "$repo" config user.email t@example.com && git -C "$repo" config user.name t
mkdir -p "$repo/infra" "$repo/policies"

# stage FILE... (copied from fixtures), run the hook on what is staged, expect exit WANT
run() {
	local what=$1 want=$2 rc
	shift 2
	git -C "$repo" rm -rq --cached . >/dev/null 2>&1
	for f in "$@"; do git -C "$repo" add "$f"; done
	(cd "$repo" && PERMGRAPH=$bin "$root/ci/pre-commit.sh" $(git diff --cached --name-only)) \
		>"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL precommit: $what: exit $rc, expected $want"; head -20 "$tmp/out"
	fi
}

cp "$root/fixtures/iac/cloudformation/cfn-policy-validator/public-bucket.yaml" "$repo/infra/"
cp "$root/fixtures/iac/cloudformation/cfn-policy-validator/check_access_not_granted_test.yaml" "$repo/infra/clean.yaml"
cat >"$repo/policies/admin.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
JSON
cat >"$repo/policies/reader.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::synth-a/*"}]}
JSON
printf '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {\n' >"$repo/infra/broken.json"

run "public bucket policy" 1 infra/public-bucket.yaml
run "clean template" 0 infra/clean.yaml
run "admin policy" 1 policies/admin.json
run "scoped policy" 0 policies/reader.json
run "clean template and scoped policy together" 0 infra/clean.yaml policies/reader.json
run "unreadable template" 2 infra/broken.json
run "nothing staged" 0
grep -q 'PG-PUBLIC-PRINCIPAL' "$tmp/out" 2>/dev/null || true
echo "precommit: $pass passed, $fail failed"
[ "$fail" = 0 ]
