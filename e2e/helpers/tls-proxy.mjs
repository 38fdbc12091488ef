// @ts-check
/**
 * A TLS-terminating reverse proxy for the HTTPS end-to-end tests, behaving like a default nginx in
 * front of Sésame: it keeps the Host header, appends the address it saw to X-Forwarded-For and sets
 * X-Forwarded-Proto: https. Its certificate is made for the run with openssl (127.0.0.1 only).
 *
 *   node e2e/helpers/tls-proxy.mjs <listen port> <upstream port>
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [listenPort, upstreamPort] = process.argv.slice(2).map(Number);
if (!listenPort || !upstreamPort) {
  console.error('usage: node e2e/helpers/tls-proxy.mjs <listen port> <upstream port>');
  process.exit(2);
}

function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const server = https.createServer(selfSignedCertificate(), (request, response) => {
  const seen = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const forwarded = request.headers['x-forwarded-for'];
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: upstreamPort,
      method: request.method,
      path: request.url,
      headers: {
        ...request.headers,
        'x-forwarded-for': forwarded ? `${forwarded}, ${seen}` : seen,
        'x-forwarded-proto': 'https',
      },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    response.writeHead(502).end('upstream unavailable');
  });
  request.pipe(upstream);
});

server.listen(listenPort, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)));
