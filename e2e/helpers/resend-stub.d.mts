/** Types of e2e/helpers/resend-stub.mjs for the TypeScript tests that start it in-process. */
export type StubMessage = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  idempotencyKey: string | null;
  createdAt: string;
};

/** How the stub fails: an HTTP status (500), a Retry-After in seconds, `accept` to store the message but answer the error. */
export type StubFailure = { status?: number; retryAfter?: number; accept?: boolean };

export type ResendStub = {
  url: string;
  port: number;
  /** Stored messages, oldest first. */
  messages(): StubMessage[];
  /** Forgets the messages, the idempotency keys and any pending failures. */
  reset(): void;
  /** The next `count` sends fail: 500 by default, or as `options` say. */
  failNext(count: number, options?: StubFailure): void;
  /** Every send fails as `options` say until `outage(null)`. */
  outage(options: StubFailure | null): void;
  /** Sends received, sends failed on purpose, sends answered from an idempotency key, messages stored. */
  stats(): { requests: number; failed: number; replayed: number; stored: number };
  close(): Promise<void>;
};

/** `logFile`: also append every message received there, one JSON line each. */
export function startResendStub(port?: number, logFile?: string | null): Promise<ResendStub>;
