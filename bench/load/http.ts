/**
 * The HTTP side of the load bench: one request with its answer time, client addresses, and the
 * few statistics the table needs. Plain node:http so that a reset connection shows as an error
 * (a lost answer) rather than being retried behind our back.
 */
import http from 'node:http';

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

export type SendOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  agent?: http.Agent;
  /** Gives up (as an error) when no answer came in this time. */
  timeoutMs?: number;
};

/** Keep-alive and no socket cap: 16 sign-ins "at once" must really be 16 connections. */
export const sharedAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** Every page is asked for in French, so the answers can be matched on their French messages. */
const BASE_HEADERS = { 'accept-language': 'fr' };

/**
 * Starts a request. `sent` settles once the whole request is on the wire (so a caller can tell
 * the server has it in hand); `answer` once the whole answer has been read.
 */
export function start(url: string, options: SendOptions = {}): { sent: Promise<void>; answer: Promise<Answer> } {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const began = performance.now();
    const headers: Record<string, string> = { ...BASE_HEADERS, ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    const request = http.request(url, { method: options.method ?? 'GET', headers, agent: options.agent ?? sharedAgent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        // A connection cut in the middle of a body is a lost answer, not a short one.
        if (!response.complete) return reject(new Error('answer cut short'));
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - began });
      });
    });
    request.setTimeout(options.timeoutMs ?? 120_000, () => request.destroy(new Error(`no answer within ${options.timeoutMs ?? 120_000} ms`)));
    request.on('error', reject);
    request.on('finish', markSent);
    request.end(options.body);
  });
  // Whoever only awaits `sent` must not leave a rejection unhandled.
  answer.catch(() => {});
  return { sent, answer };
}

export const send = (url: string, options: SendOptions = {}): Promise<Answer> => start(url, options).answer;

let addressCounter = 0;

/**
 * A client address nobody else in this run has used (198.18.0.0/15, set aside for benchmarks),
 * sent as X-Forwarded-For: the server trusts one proxy, so per-address limits count per
 * simulated client.
 */
export function freshAddress(): string {
  addressCounter += 1;
  const n = addressCounter;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const sortedCopy = (values: number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile (p in 0–100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : '—');
