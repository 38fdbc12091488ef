// A Resend-compatible HTTP stub for tests: no network, no dependencies.
//   import { startResendStub } from './resend-stub.mjs'   (in-process, port 0 = any free port)
//   node e2e/helpers/resend-stub.mjs 3101                          (listens on 127.0.0.1:3101)
// API (what the resend SDK calls): POST /emails, POST /emails/batch, answering like Resend
// ({ id } / { data: [{ id }] }, errors as { statusCode, name, message }).
// Test helpers: GET /__messages?to=addr, DELETE /__messages, GET /__health, GET /__stats,
//   POST /__fail?count=N[&status=500|429|422…][&retryAfter=S][&accept=1]: the next N sends fail so;
//   POST /__outage?status=…[&retryAfter=S][&accept=1]: every send fails so until DELETE /__outage.
//   accept=1: the message is accepted (stored, its idempotency key kept) but the answer is the error,
//   like a response lost on the way back.
// RESEND_STUB_LOG=file (command line): every message received is also appended there as a JSON line,
// so the secret scan after the end-to-end suite knows every link ever sent (scripts/scan-secrets.ts).
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

function createState(logFile = null) {
  return { messages: [], byKey: new Map(), failNext: 0, failure: null, outage: null, stats: { requests: 0, failed: 0, replayed: 0 }, logFile };
}

const ERROR_NAMES = { 400: 'validation_error', 422: 'validation_error', 429: 'rate_limit_exceeded', 500: 'internal_server_error', 503: 'service_unavailable' };

/** A failure to answer with: `{ status, retryAfter?, accept? }`, from query parameters or an object. */
function failureOf(options = {}) {
  const status = Number(options.status ?? 500) || 500;
  const retryAfter = options.retryAfter === undefined || options.retryAfter === null ? null : Number(options.retryAfter);
  return { status, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null, accept: options.accept === true || options.accept === '1' };
}
const failureFromQuery = (url) =>
  failureOf({ status: url.searchParams.get('status') ?? undefined, retryAfter: url.searchParams.get('retryAfter'), accept: url.searchParams.get('accept') ?? undefined });

function failWith(res, failure) {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  if (failure.retryAfter !== null) headers['retry-after'] = String(failure.retryAfter);
  res.writeHead(failure.status, headers);
  const name = ERROR_NAMES[failure.status] ?? 'application_error';
  const message = failure.status === 422 ? 'Invalid `to` field. The email address needs to follow the `email@example.com` format.' : 'Stub failure requested.';
  res.end(JSON.stringify({ statusCode: failure.status, name, message }));
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const apiError = (res, statusCode, name, message) => send(res, statusCode, { statusCode, name, message });

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The problem with one email payload, as Resend would name it, or null when it is acceptable. */
function invalid(email) {
  if (!email || typeof email !== 'object' || Array.isArray(email)) return 'The email must be a JSON object.';
  if (typeof email.from !== 'string' || !email.from) return 'Missing `from` field.';
  if (list(email.to).length === 0 || !list(email.to).every((to) => typeof to === 'string' && to.includes('@'))) {
    return 'Invalid `to` field.';
  }
  if (typeof email.subject !== 'string' || !email.subject) return 'Missing `subject` field.';
  if (typeof email.html !== 'string' && typeof email.text !== 'string') return 'Missing `html` or `text` field.';
  return null;
}

function store(state, email, idempotencyKey) {
  const message = {
    id: randomUUID(),
    from: email.from,
    to: list(email.to),
    cc: list(email.cc),
    bcc: list(email.bcc),
    replyTo: list(email.reply_to),
    subject: email.subject,
    html: email.html ?? null,
    text: email.text ?? null,
    idempotencyKey,
    createdAt: new Date().toISOString(),
  };
  state.messages.push(message);
  if (state.logFile) appendFileSync(state.logFile, `${JSON.stringify(message)}\n`);
  return message;
}

/**
 * Like Resend: the same Idempotency-Key with the same body answers the first response again and
 * stores nothing; with another body it is a 409.
 */
function idempotent(state, req, res, body, handle, lostAnswer = null) {
  const key = req.headers['idempotency-key'] || null;
  const fingerprint = JSON.stringify(body);
  if (key && state.byKey.has(key)) {
    const previous = state.byKey.get(key);
    if (previous.fingerprint !== fingerprint) {
      return apiError(res, 409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    }
    state.stats.replayed += 1;
    return lostAnswer ? failWith(res, lostAnswer) : send(res, 200, previous.response);
  }
  const response = handle(key);
  if (key) state.byKey.set(key, { fingerprint, response });
  return lostAnswer ? failWith(res, lostAnswer) : send(res, 200, response);
}

async function handleRequest(state, req, res) {
  const url = new URL(req.url ?? '/', 'http://stub.invalid');
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;

  if (route === 'GET /__health') return send(res, 200, { status: 'ok' });
  if (route === 'GET /__messages') {
    const to = url.searchParams.get('to')?.toLowerCase();
    return send(res, 200, to ? state.messages.filter((m) => m.to.some((t) => t.toLowerCase() === to)) : state.messages);
  }
  if (route === 'DELETE /__messages') {
    Object.assign(state, createState(state.logFile));
    return send(res, 200, { deleted: true });
  }
  if (route === 'POST /__fail') {
    state.failNext = Math.max(0, Number.parseInt(url.searchParams.get('count') ?? '1', 10) || 0);
    state.failure = failureFromQuery(url);
    return send(res, 200, { failNext: state.failNext });
  }
  if (route === 'POST /__outage') {
    state.outage = failureFromQuery(url);
    return send(res, 200, { outage: state.outage });
  }
  if (route === 'DELETE /__outage') {
    state.outage = null;
    return send(res, 200, { outage: null });
  }
  if (route === 'GET /__stats') return send(res, 200, { ...state.stats, stored: state.messages.length });

  if (route !== 'POST /emails' && route !== 'POST /emails/batch') {
    return apiError(res, 404, 'not_found', 'The requested endpoint does not exist.');
  }
  if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
    return apiError(res, 401, 'missing_api_key', 'Missing API key in the authorization header.');
  }
  let body;
  try {
    body = await readJson(req);
  } catch {
    return apiError(res, 422, 'validation_error', 'The request body is not valid JSON.');
  }
  state.stats.requests += 1;
  // Failures asked one by one come before an outage's.
  let failure = state.outage;
  if (state.failNext > 0) {
    state.failNext -= 1;
    failure = state.failure ?? failureOf();
  }
  if (failure) state.stats.failed += 1;
  if (failure && !failure.accept) return failWith(res, failure);
  const lostAnswer = failure;

  if (route === 'POST /emails') {
    const problem = invalid(body);
    if (problem) return apiError(res, 422, 'validation_error', problem);
    return idempotent(state, req, res, body, (key) => ({ id: store(state, body, key).id }), lostAnswer);
  }
  if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
    return apiError(res, 422, 'validation_error', 'The batch must be an array of 1 to 100 emails.');
  }
  const problem = body.map(invalid).find(Boolean);
  if (problem) return apiError(res, 422, 'validation_error', problem);
  return idempotent(
    state,
    req,
    res,
    body,
    (key) => ({ data: body.map((email) => ({ id: store(state, email, key).id })) }),
    lostAnswer,
  );
}

/** Starts the stub on 127.0.0.1; port 0 picks a free one. */
export function startResendStub(port = 0, logFile = null) {
  if (logFile) mkdirSync(path.dirname(logFile), { recursive: true });
  const state = createState(logFile);
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch(() => apiError(res, 500, 'application_error', 'Stub error.'));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actualPort = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actualPort}`,
        port: actualPort,
        messages: () => state.messages.slice(),
        reset: () => Object.assign(state, createState(logFile)),
        failNext: (count, options) => {
          state.failNext = count;
          state.failure = failureOf(options);
        },
        outage: (options) => {
          state.outage = options ? failureOf(options) : null;
        },
        stats: () => ({ ...state.stats, stored: state.messages.length }),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? process.env.RESEND_STUB_PORT ?? 3101);
  const stub = await startResendStub(port, process.env.RESEND_STUB_LOG || null);
  console.log(`Resend stub listening on ${stub.url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void stub.close().then(() => process.exit(0)));
  }
}
