#!/usr/bin/env bash
# The whole test suite: unit and integration tests on the embedded database, the same tests on a
# real Postgres, the production build, the end-to-end suite in Chromium (PC and phone sizes, and
# HTTPS behind a TLS proxy), then a scan of what the servers logged and stored for any password or
# token the suite used.
# Postgres: TEST_DATABASE_URL, or the local server on 127.0.0.1:5432 (database sesame_test).
# Outside CI the Postgres run is skipped, with a warning, when no server answers; in CI it is required.
#
# The first three steps share nothing (an in-memory database, a database of their own, .next), and
# each Vitest run uses one core (its files run one after another): they run side by side, with the
# seeding of the end-to-end servers' database (e2e/helpers/start-server.sh --template-only). Each
# one's output is kept in .data/test-logs/ and shown whole when it ends; any failure fails the run,
# after all of them have ended.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sesame_test}"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
seconds() { date +%s; }
started=$(seconds)
# Interrupted: the steps still running in the background stop too.
trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT

logs=.data/test-logs
rm -rf "$logs" .data/e2e-templates
mkdir -p "$logs"

declare -A title=() pid_of=() began=()
# run NAME TITLE COMMAND...: starts COMMAND in the background, its output in $logs/NAME.log.
run() {
  local name=$1 heading=$2
  shift 2
  title[$name]=$heading
  began[$name]=$(seconds)
  "$@" >"$logs/$name.log" 2>&1 &
  pid_of[$name]=$!
  echo "started: $heading"
}

postgres=true
if ! node scripts/ensure-test-database.mjs "$pg_url"; then
  if [ -n "${CI:-}" ]; then
    echo "CI requires Postgres for the integration tests." >&2
    exit 1
  fi
  echo "No Postgres answered: the Postgres run is skipped. Set TEST_DATABASE_URL to run them." >&2
  postgres=false
fi

step "Unit and integration tests (embedded database), on Postgres, production build: side by side"
run unit "Unit and integration tests (embedded database)" env -u DATABASE_URL npx vitest run
if $postgres; then
  run postgres "Integration tests (Postgres: ${pg_url%%@*}@…)" env DATABASE_URL="$pg_url" npx vitest run
fi
run build "Production build" npx next build
# The end-to-end servers' embedded database, seeded once (at the suite's bcrypt cost, and at the
# cost of the full-pool test in e2e/server-process.spec.ts) for every server to start on a copy.
run seed "Seeding the end-to-end database" bash -c \
  'env -u DATABASE_URL bash e2e/helpers/start-server.sh --template-only && env -u DATABASE_URL BCRYPT_COST=14 bash e2e/helpers/start-server.sh --template-only'

failed=()
while [ ${#pid_of[@]} -gt 0 ]; do
  # Whichever ends first is shown first.
  done_pid=''
  status=0
  wait -n -p done_pid "${pid_of[@]}" || status=$?
  for name in "${!pid_of[@]}"; do
    [ "${pid_of[$name]}" = "$done_pid" ] || continue
    step "${title[$name]} ($(($(seconds) - ${began[$name]})) s)"
    cat "$logs/$name.log"
    if [ "$status" -ne 0 ]; then
      echo "${title[$name]}: failed (exit $status)" >&2
      failed+=("${title[$name]}")
    fi
    unset "pid_of[$name]"
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'Failed: %s\n' "${failed[@]}" >&2
  exit 1
fi

step "End-to-end tests (Chromium)"
e2e_began=$(seconds)
# The servers' logs and the emails they sent, for the secret scan below.
rm -rf .data/e2e-logs
env -u DATABASE_URL npx playwright test
echo "End-to-end tests: $(($(seconds) - e2e_began)) s"

step "Secret scan of the servers' logs and databases"
env -u DATABASE_URL npx tsx --conditions=react-server e2e/helpers/scan-secrets.ts

echo "npm test: $(($(seconds) - started)) s"
