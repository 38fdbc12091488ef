import http from 'node:http';
import https from 'node:https';
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
