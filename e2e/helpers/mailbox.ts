import { expect } from '@playwright/test';

/** Reads what the Resend stub received, as a person reads their inbox. */
const stubUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

export type ReceivedEmail = { to: string[]; subject: string; html: string; text: string; idempotencyKey?: string };

export async function inbox(address: string): Promise<ReceivedEmail[]> {
  const response = await fetch(`${stubUrl}/__messages?to=${encodeURIComponent(address)}`);
  const body = (await response.json()) as ReceivedEmail[] | { data: ReceivedEmail[] };
  return Array.isArray(body) ? body : body.data;
}

/** Waits for the next email to `address` beyond the `count` already there, and returns it. */
export async function nextEmail(address: string, count: number, timeout = 15_000): Promise<ReceivedEmail> {
  let messages: ReceivedEmail[] = [];
  await expect
    .poll(async () => (messages = await inbox(address)).length, { timeout, message: `an email to ${address}` })
    .toBeGreaterThan(count);
  return messages[count];
}

export function linksIn(email: ReceivedEmail): string[] {
  return [...email.text.matchAll(/https?:\/\/[^\s]+\/reinitialisation\/[A-Za-z0-9_-]{43}/g)].map((m) => m[0]);
}

/**
 * Waits for an email to `address` whose text contains `marker`, and returns it. For shared
 * mailboxes (customer service), where tests running in parallel add messages of their own.
 */
export async function emailContaining(address: string, marker: string, timeout = 15_000): Promise<ReceivedEmail> {
  let found: ReceivedEmail | undefined;
  await expect
    .poll(async () => (found = (await inbox(address)).find((m) => m.text.includes(marker))), { timeout, message: `an email to ${address} about ${marker}` })
    .toBeTruthy();
  return found!;
}
