/** Types of e2e/resend-stub.mjs for the TypeScript tests that start it in-process. */
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

export type ResendStub = {
  url: string;
  port: number;
  /** Stored messages, oldest first. */
  messages(): StubMessage[];
  /** Forgets the messages, the idempotency keys and any pending failures. */
  reset(): void;
  /** The next `count` sends answer 500. */
  failNext(count: number): void;
  close(): Promise<void>;
};

/** `logFile`: also append every message received there, one JSON line each. */
export function startResendStub(port?: number, logFile?: string | null): Promise<ResendStub>;
