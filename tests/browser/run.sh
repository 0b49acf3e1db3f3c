#!/bin/sh
# tests/browser/run.sh BIN — the HTML report in a real headless Chromium.
#
# Builds report.html of fixtures/azure/estate and of the hostile-name fixture
# (fixtures/reports/hostile-html) with SOURCE_DATE_EPOCH set, opens both in
# Debian's /usr/bin/chromium through playwright-core (report.test.mjs), and
# saves screenshots (report.png, hostile.png) as test artifacts in
# $PG_BROWSER_OUT (default build/browser).
#
# Needs: chromium (Debian package `chromium`), node and npm (Debian `nodejs`,
# `npm`); playwright-core is installed here from package-lock.json by `npm ci`
# when missing. The reports come from `BIN scan -f html`.
set -eu

BIN=${1:?usage: tests/browser/run.sh BIN}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${PG_BROWSER_OUT:-$ROOT/build/browser}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
# A fixed time: the reports are reproducible and their screenshots comparable.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
export SOURCE_DATE_EPOCH

# A sanitized BIN: Graphviz's own leaks are suppressed as in the unit tests.
if [ -z "${LSAN_OPTIONS:-}" ] && [ -f "$ROOT/tests/lsan.supp" ]; then
	LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
	export LSAN_OPTIONS
fi

die() { echo "browser: $*" >&2; exit 1; }
[ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM (make deps installs Debian's chromium)"
command -v node >/dev/null || die "node not found (make deps installs nodejs and npm)"
mkdir -p "$OUT"
cd "$ROOT"

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in tests/browser"
fi

# report NAME INPUT...: $OUT/NAME.html; exit 1 (findings at --fail-on) is not a failure.
report() {
	name=$1
	shift
	rc=0
	"$BIN" scan -q -f html -o "$OUT/$name.html" "$@" 2>"$OUT/$name.err" || rc=$?
	if [ "$rc" -gt 1 ] || [ ! -s "$OUT/$name.html" ]; then
		cat "$OUT/$name.err" >&2
		die "$BIN scan -f html failed ($rc)"
	fi
}

report report fixtures/azure/estate
report hostile fixtures/reports/hostile-html
echo "browser: report.html of fixtures/azure/estate: $(wc -c < "$OUT/report.html") bytes"
node "$HERE/report.test.mjs" "$OUT/report.html" "$OUT/hostile.html" "$OUT"
