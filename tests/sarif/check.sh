#!/usr/bin/env bash
# Validate SARIF files against the official SARIF 2.1.0 JSON schema
# (tests/sarif/sarif-schema-2.1.0.json, see README.md) with ajv.
# Usage: tests/sarif/check.sh FILE...
# Needs node and the pinned validator: npm ci --prefix tests/sarif
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# = 0 ]; then
	echo "usage: $0 FILE..." >&2
	exit 2
fi
if ! command -v node >/dev/null; then
	echo "$0: node is not installed (Debian: apt-get install nodejs npm)" >&2
	exit 2
fi
if [ ! -d "$here/node_modules/ajv-draft-04" ]; then
	echo "$0: validator not installed: run 'npm ci --prefix tests/sarif'" >&2
	exit 2
fi
exec node "$here/validate.cjs" "$@"
