#!/usr/bin/env bash
# Starts the production build for the end-to-end tests on a fresh database holding the demo accounts.
# Uses the embedded database by default, or the Postgres of E2E_DATABASE_URL when it is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${E2E_PORT:-3100}"
[ -d .next ] && [ -f .next/BUILD_ID ] || { echo "No production build: run 'npm run build' first." >&2; exit 1; }

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

if [ -n "${E2E_DATABASE_URL:-}" ]; then
  export DATABASE_URL="$E2E_DATABASE_URL"
  psql "$DATABASE_URL" -qc 'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;'
else
  export PGLITE_DIR=".data/e2e-pglite-${port}"
  rm -rf "$PGLITE_DIR"
fi

NODE_ENV=test npm run --silent db:seed
NODE_ENV=test npx tsx --conditions=react-server e2e/helpers/seed-accounts.ts
NODE_ENV=test npx tsx --conditions=react-server e2e/helpers/seed-espace-accounts.ts
# Everything the server logs is kept for the secret scan that follows the suite (e2e/helpers/scan-secrets.ts);
# errors also go to Playwright's report.
mkdir -p .data/e2e-logs
log=".data/e2e-logs/server-${port}.log"
# SERVER=next-start runs plain `next start` instead, for bench/server.bench.ts to compare.
if [ "${SERVER:-}" = next-start ]; then
  exec env NODE_ENV=production npx next start --hostname 127.0.0.1 --port "$port" >>"$log" 2> >(tee -a "$log" >&2)
fi
exec env NODE_ENV=production node server.mjs --hostname 127.0.0.1 --port "$port" >>"$log" 2> >(tee -a "$log" >&2)
