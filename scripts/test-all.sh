#!/usr/bin/env bash
# The whole test suite: unit and integration tests on the embedded database, the same tests on a
# real Postgres, the production build, the end-to-end suite in Chromium (PC and phone sizes, and
# HTTPS behind a TLS proxy), then a scan of what the servers logged and stored for any password or
# token the suite used.
# Postgres: TEST_DATABASE_URL, or the local server on 127.0.0.1:5432 (database sesame_test).
# Outside CI the Postgres run is skipped, with a warning, when no server answers; in CI it is required.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sesame_test}"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "Unit and integration tests (embedded database)"
env -u DATABASE_URL npx vitest run

step "Integration tests (Postgres: ${pg_url%%@*}@…)"
if node scripts/ensure-test-database.mjs "$pg_url"; then
  DATABASE_URL="$pg_url" npx vitest run
elif [ -n "${CI:-}" ]; then
  echo "CI requires Postgres for the integration tests." >&2
  exit 1
else
  echo "No Postgres answered: skipped. Set TEST_DATABASE_URL to run them." >&2
fi

step "Production build"
npx next build

step "End-to-end tests (Chromium)"
# The servers' logs and the emails they sent, for the secret scan below.
rm -rf .data/e2e-logs
env -u DATABASE_URL npx playwright test

step "Secret scan of the servers' logs and databases"
env -u DATABASE_URL npx tsx --conditions=react-server e2e/helpers/scan-secrets.ts
