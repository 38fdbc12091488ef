#!/usr/bin/env bash
# Starts the production build for the end-to-end tests on a fresh database holding the demo accounts
# and the end-to-end accounts. Uses the embedded database by default, or the Postgres of
# E2E_DATABASE_URL when it is set.
#
# The embedded database is seeded once and copied: the first server of a run seeds a template
# (.data/e2e-templates/cost<BCRYPT_COST>-<digest>), and every server, this one included, starts on a
# copy of it, as fresh as if it had been seeded for it. The digest covers everything the seed runs
# (lib/, drizzle/, scripts/, e2e/helpers/, package-lock.json) and BCRYPT_COST and AUTH_SECRET, so a
# change to any of them seeds a new template. Servers starting together wait for the one seeding it.
#   --template-only   make the template (if missing) and exit: scripts/test-all.sh seeds ahead.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${E2E_PORT:-3100}"
template_only=false
[ "${1:-}" = --template-only ] && template_only=true
if ! $template_only; then
  [ -d .next ] && [ -f .next/BUILD_ID ] || { echo "No production build: run 'npm run build' first." >&2; exit 1; }
fi

export AUTH_SECRET="e2e-secret-e2e-secret-e2e-secret-0123456789"
export APP_URL="${APP_URL:-http://127.0.0.1:${port}}"
export RESEND_API_KEY="${RESEND_API_KEY:-re_e2e_test_key}"
export RESEND_BASE_URL="${RESEND_BASE_URL:-http://127.0.0.1:$((port + 1))}"
export BCRYPT_COST="${BCRYPT_COST:-10}"
# Resend's delivery events (e2e/customer-service.spec.ts signs them with the same secret).
export RESEND_WEBHOOK_SECRET="${RESEND_WEBHOOK_SECRET:-whsec_ZTJlLXdlYmhvb2stc2VjcmV0LTAxMjM0NTY3ODk=}"
# Every test comes from its own address (X-Forwarded-For), so per-IP throttles of one test
# do not spill into another: Playwright stands for the one proxy this setting trusts.
export TRUST_PROXY="${TRUST_PROXY:-1}"
# The suite signs the demo account 00123456 in more than 30 times a quarter hour (every project
# in turn); the budget itself is tested at its default in test/password-budgets.test.ts.
export PASSWORD_CHECKS_PER_IDENTIFIER="${PASSWORD_CHECKS_PER_IDENTIFIER:-1000}"

# The demo accounts (npm run db:seed), then the end-to-end ones, into the database configured.
seed() {
  # The demo accounts exist only with DEV_TOOLS=1 (lib/operators/demo-seed.ts); it is set for the seeding alone.
  NODE_ENV=test DEV_TOOLS=1 npm run --silent db:seed >/dev/null
  NODE_ENV=test npx tsx --conditions=react-server e2e/helpers/seed-accounts.ts >/dev/null
  NODE_ENV=test npx tsx --conditions=react-server e2e/helpers/seed-espace-accounts.ts >/dev/null
}

# Prints the folder of the seeded embedded database for this BCRYPT_COST, seeding it if missing.
template() {
  local digest root dir
  digest=$({
    printf '%s\n' "$BCRYPT_COST" "$AUTH_SECRET"
    find lib drizzle scripts e2e/helpers -type f -print0 | sort -z | xargs -0 sha1sum
    sha1sum package-lock.json
  } | sha1sum | cut -c1-16)
  root=.data/e2e-templates
  dir="$root/cost${BCRYPT_COST}-${digest}"
  mkdir -p "$root"
  (
    # One seeding at a time per cost; the others wait for it, then copy.
    flock 9
    if [ ! -f "$dir.ready" ]; then
      rm -rf "$root/cost${BCRYPT_COST}-"*
      unset DATABASE_URL DATABASE_URL_UNPOOLED
      PGLITE_DIR="$dir" seed
      rm -f "$dir/sesame.pid"
      touch "$dir.ready"
    fi
  ) 9>"$root/cost${BCRYPT_COST}.lock" >&2
  echo "$dir"
}

if $template_only; then
  template >/dev/null
  exit 0
fi

if [ -n "${E2E_DATABASE_URL:-}" ]; then
  export DATABASE_URL="$E2E_DATABASE_URL"
  psql "$DATABASE_URL" -qc 'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;'
  seed
elif [ -n "${DATABASE_URL:-}" ]; then
  # A DATABASE_URL of the caller's: seeded as it is, as `npm run db:seed` would.
  seed
else
  export PGLITE_DIR=".data/e2e-pglite-${port}"
  rm -rf "$PGLITE_DIR"
  seeded="$(template)"
  cp -a "$seeded" "$PGLITE_DIR"
fi

# Everything the server logs is kept for the secret scan that follows the suite (e2e/helpers/scan-secrets.ts);
# errors also go to Playwright's report.
mkdir -p .data/e2e-logs
log=".data/e2e-logs/server-${port}.log"
# SERVER=next-start runs plain `next start` instead, for bench/server.bench.ts to compare.
if [ "${SERVER:-}" = next-start ]; then
  exec env NODE_ENV=production npx next start --hostname 127.0.0.1 --port "$port" >>"$log" 2> >(tee -a "$log" >&2)
fi
exec env NODE_ENV=production node server.mjs --hostname 127.0.0.1 --port "$port" >>"$log" 2> >(tee -a "$log" >&2)
