#!/usr/bin/env bash
# The one command that tests Marguerite, for a newcomer and for CI: `bash scripts/test.sh`
# (also `npm test` and `.ci/run`). From a clean Debian machine it installs what the tests
# need, builds the app, runs the unit, integration and browser suites, and ends with one
# line `N passed, N failed` summing them all. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export DEBIAN_FRONTEND=noninteractive
export NPM_CONFIG_UPDATE_NOTIFIER=false

WORK="$(mktemp -d "${TMPDIR:-/tmp}/marguerite-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

PASSED=0
FAILED=0
SKIPPED=0
SUMMARY=()
START=$SECONDS

step() { printf '\n==> %s\n' "$*"; }
elapsed() { echo "$((SECONDS - $1))s"; }
# A step that is not a test runner (install, build) counts as one failure when it fails.
step_failed() {
  FAILED=$((FAILED + 1))
  SUMMARY+=("$1: FAILED ($2)")
  echo "!! $1 failed ($2)" >&2
}

# ---- Debian packages -------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if ((${#need[@]})); then
  step "installing Debian packages: ${need[*]}"
  t=$SECONDS
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -E); fi
  if "${SUDO[@]}" apt-get update -qq >"$WORK/apt.log" 2>&1 &&
    "${SUDO[@]}" apt-get install -y -qq chromium redis-server postgresql >>"$WORK/apt.log" 2>&1; then
    SUMMARY+=("apt-get install ${need[*]}: ok ($(elapsed $t))")
  else
    tail -n 40 "$WORK/apt.log" >&2
    step_failed "apt-get install" "see the log above"
  fi
fi

# ---- npm -------------------------------------------------------------------------------
step "npm install"
t=$SECONDS
# Not `npm ci`: the registry lacks some other platforms' optional packages, so npm ci calls
# the lockfile out of sync (docs/stack-notes). npm install installs the locked versions.
if npm install --no-audit --no-fund --loglevel=error; then
  SUMMARY+=("npm install: ok ($(elapsed $t))")
else
  step_failed "npm install" "exit $?"
fi

# ---- build -----------------------------------------------------------------------------
step "next build"
t=$SECONDS
if npx next build; then
  SUMMARY+=("next build: ok ($(elapsed $t))")
else
  step_failed "next build" "exit $?"
fi

# ---- test runners ----------------------------------------------------------------------
# count KIND JSON EXIT: reads a runner's JSON report and prints "passed failed skipped".
# A runner that failed without a failing test in its report (crash, load error, global
# setup) counts as one failure; so does a missing report.
count() {
  node - "$1" "$2" "$3" <<'EOF'
const fs = require("node:fs");
const [kind, file, exit] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  if (kind === "vitest") {
    passed = r.numPassedTests;
    failed = r.numFailedTests;
    skipped = r.numPendingTests + r.numTodoTests;
    // A file that fails to load reports no test at all: count it.
    for (const f of r.testResults ?? []) {
      if (f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")) failed++;
    }
  } else {
    const s = r.stats ?? {};
    passed = (s.expected ?? 0) + (s.flaky ?? 0);
    failed = s.unexpected ?? 0;
    skipped = s.skipped ?? 0;
    if (failed === 0 && (r.errors ?? []).length > 0) failed = 1;
  }
} catch {
  failed = 1;
}
if (Number(exit) !== 0 && failed === 0) failed = 1;
console.log(`${passed} ${failed} ${skipped}`);
EOF
}

record() { # NAME KIND JSON EXIT SECONDS_AT_START
  local p f s
  read -r p f s < <(count "$2" "$3" "$4")
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  SKIPPED=$((SKIPPED + s))
  SUMMARY+=("$1: $p passed, $f failed, $s skipped ($(elapsed "$5"))")
}

vitest_project() { # PROJECT [extra vitest arguments]
  step "vitest $1"
  local t=$SECONDS
  npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$WORK/$1.json" "${@:2}"
  record "vitest $1" vitest "$WORK/$1.json" $? "$t"
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Browser tests tagged @background mostly wait (five minutes offline): they run on their own
# server and port while the unit and integration suites use the CPU, instead of holding one
# of the two browser workers for five minutes. Their log is printed when they are collected.
BG_PID=""
if [ -f playwright.config.ts ]; then
  BG_START=$SECONDS
  (MARGUERITE_E2E_PORT="$(free_port)" PLAYWRIGHT_JSON_OUTPUT_NAME="$WORK/e2e-bg.json" \
    npx playwright test --grep @background --workers=1 --output=test-results-background --reporter=list,json \
    >"$WORK/e2e-bg.log" 2>&1; echo $? >"$WORK/e2e-bg.exit") &
  BG_PID=$!
fi

# Integration files that mostly wait (a database or Redis stopped for 60 s and 30 s) run in
# a third vitest process beside the others, one after the other, instead of holding one of
# the two workers for two minutes.
WAITING_FILES=(tests/integration/faults-postgres.test.ts tests/integration/faults-redis.test.ts)
WAIT_START=$SECONDS
(npx vitest run --project integration --maxWorkers=1 --reporter=default --reporter=json --outputFile.json="$WORK/waiting.json" "${WAITING_FILES[@]}" \
  >"$WORK/waiting.log" 2>&1; echo $? >"$WORK/waiting.exit") &
WAIT_PID=$!

vitest_project unit
EXCLUDE=()
for f in "${WAITING_FILES[@]}"; do EXCLUDE+=(--exclude "$f"); done
vitest_project integration "${EXCLUDE[@]}"

step "vitest integration (outages: started beside the unit tests)"
wait "$WAIT_PID"
cat "$WORK/waiting.log"
record "vitest integration, outages" vitest "$WORK/waiting.json" "$(cat "$WORK/waiting.exit" 2>/dev/null || echo 1)" "$WAIT_START"

step "playwright (e2e)"
t=$SECONDS
if [ -f playwright.config.ts ]; then
  # A free port unless one is given, so that a run never collides with a server left running.
  MARGUERITE_E2E_PORT="${MARGUERITE_E2E_PORT:-$(free_port)}"
  export MARGUERITE_E2E_PORT
  PLAYWRIGHT_JSON_OUTPUT_NAME="$WORK/e2e.json" npx playwright test --grep-invert @background --reporter=list,json
  record "playwright e2e" playwright "$WORK/e2e.json" $? "$t"
else
  step_failed "playwright e2e" "playwright.config.ts is missing"
fi

if [ -n "$BG_PID" ]; then
  step "playwright (e2e, @background: started before the unit tests)"
  wait "$BG_PID"
  cat "$WORK/e2e-bg.log"
  record "playwright e2e @background" playwright "$WORK/e2e-bg.json" "$(cat "$WORK/e2e-bg.exit" 2>/dev/null || echo 1)" "$BG_START"
fi

# ---- summary ---------------------------------------------------------------------------
printf '\n==> summary (%s)\n' "$(elapsed $START)"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
if ((SKIPPED > 0)); then
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "$PASSED passed, $FAILED failed"
fi
((FAILED == 0))
