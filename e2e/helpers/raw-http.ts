import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Browser } from '@playwright/test';

/**
 * Requests as an attacker's script sends them, which a browser cannot: any Host header, forged
 * proxy headers, a field sent twice, NUL bytes, and a chosen source address on the loopback
 * network (127.0.0.0/8), so a test can stand for a client at another address.
 */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };
export type RawOptions = { method?: string; headers?: Record<string, string>; body?: Buffer; localAddress?: string };

export function rawRequest(url: string, options: RawOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        // The HTTPS end-to-end server uses a certificate made for the run.
        rejectUnauthorized: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export type Fields = [string, string][];

/**
 * What the form holding `field` posts without JavaScript, read from the page as served: the
 * visible fields and the hidden ones React adds to name its server action.
 */
export async function formFields(browser: Browser, url: string, field: string, cookie?: string): Promise<Fields> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: cookie ? { cookie } : {},
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const form = page.locator('form').filter({ has: page.locator(`[name="${field}"]`) }).first();
    return await form.evaluate((element) =>
      [...new FormData(element as HTMLFormElement)].map(([name, value]): [string, string] => [name, String(value)]),
    );
  } finally {
    await context.close();
  }
}

/** `fields` with these values instead (a name given twice in `values` is sent twice). */
export function withValues(fields: Fields, values: Fields): Fields {
  const replaced = new Set(values.map(([name]) => name));
  return [...fields.filter(([name]) => !replaced.has(name)), ...values];
}

/** Posts fields as a browser posts a server-action form: multipart, with an Origin. */
export async function postForm(url: string, fields: Fields, options: Omit<RawOptions, 'body' | 'method'> = {}): Promise<RawResponse> {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  const encoded = new Request('http://encoder.invalid/', { method: 'POST', body: data });
  const headers = { origin: new URL(url).origin, ...options.headers, 'content-type': encoded.headers.get('content-type')! };
  return rawRequest(url, { ...options, method: 'POST', headers, body: Buffer.from(await encoded.arrayBuffer()) });
}

/** The visible text of an HTML page, for matching messages; scripts and styles left out. */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The inputs of an HTML page as [name, value], in order: the fields its forms post. */
export function inputsOf(html: string): [string, string][] {
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => [attribute(m[0], 'name'), attribute(m[0], 'value') ?? ''] as const)
    .filter((input): input is [string, string] => input[0] !== undefined)
    .map(([name, value]) => [name, value]);
}

/**
 * A form post held half-way: its headers are sent and the server has begun it (it answered
 * `100 Continue`), its body is not. `send` finishes it. This puts a request "in flight" at a
 * moment the test chooses, whatever the machine's speed.
 */
export async function heldPost(url: string, fields: Fields, headers: Record<string, string> = {}) {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  const encoded = new Request('http://encoder.invalid/', { method: 'POST', body: data });
  const body = Buffer.from(await encoded.arrayBuffer());
  const target = new URL(url);
  const request = http.request(target, {
    method: 'POST',
    headers: {
      origin: target.origin,
      ...headers,
      'content-type': encoded.headers.get('content-type')!,
      'content-length': String(body.length),
      expect: '100-continue',
    },
  });
  const answered = new Promise<RawResponse>((resolve, reject) => {
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
  // Observed by `send`; an error before then would otherwise be reported as unhandled.
  answered.catch(() => {});
  await new Promise<void>((resolve, reject) => {
    request.once('continue', () => resolve());
    request.once('error', reject);
    request.flushHeaders();
  });
  return {
    send: () => {
      request.end(body);
      return answered;
    },
  };
}

/**
 * A POST whose body is sent in chunks with no Content-Length, up to `total` bytes, written only
 * as fast as the server reads them; stops sending as soon as an answer arrives.
 */
export function chunkedPost(url: string, total: number, headers: Record<string, string>): Promise<RawResponse & { bytesSent: number }> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = http.request(new URL(url), { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), bytesSent }));
    });
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && bytesSent < total) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', write);
      }
      if (!answered) request.end();
    };
    write();
  });
}

/**
 * A connection opened now that sends nothing until `get` is called: how a request looks to a server
 * that has accepted the connection but not yet read what the client wrote.
 */
export async function silentConnection(url: string) {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return {
    /** Sends a GET and reads the answer until the server closes the connection. */
    get(path: string): Promise<{ statusLine: string; connection: string | undefined }> {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      const closed = new Promise<void>((resolve, reject) => {
        socket.once('close', () => resolve());
        socket.once('error', reject);
      });
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`);
      return closed.then(() => {
        const head = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0].split('\r\n');
        const connection = head.find((line) => /^connection:/i.test(line))?.split(':')[1].trim().toLowerCase();
        return { statusLine: head[0], connection };
      });
    },
  };
}
