import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAccountThrottles, setAccountDisabled } from '@/lib/accounts/staff';
import { notifyPasswordChanged } from '@/lib/passwords/changed-notice';
import { hashPassword } from '@/lib/crypto/password-hash';
import { consumeLinkAndSetPassword } from '@/lib/password-links/tokens';
import { processResetRequest } from '@/lib/accounts/reset-request';
import { resolveSession } from '@/lib/sessions/sessions';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, emailOutbox } from '@/lib/db/schema';
import { openedBody } from '@/lib/mail/queue';
import { request, resetDatabase } from './database';

const MARKER_PASSWORD = 'Marqueur-Audit-Secret-41';
const NEW_PASSWORD = 'Nouveau-Marqueur-Audit-42';
const signIn = (identifier: string, password: string, remember = false) => signInWithPassword({ identifier, password, remember }, request);

let logged: string[] = [];
beforeEach(async () => {
  await resetDatabase();
  logged = [];
  vi.spyOn(console, 'info').mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(closeDb);

/** Goes through every kind of event the trail records, with the marker secrets. */
async function everyKindOfEvent(): Promise<string> {
  const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
  const [admin] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00000001'));
  const actor = { id: admin.id, request };

  const browser = await signIn('00123456', 'Sesame-Demo-2026');
  if (!browser.ok) throw new Error('sign-in failed');
  for (let i = 0; i < 5; i += 1) await signIn('00123456', MARKER_PASSWORD);
  await signIn('00123456', MARKER_PASSWORD); // throttled
  await clearAccountThrottles(marie.id, actor);

  await processResetRequest({ identifier: '00123456', email: '' }, request);
  const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, marie.email));
  const token = /\/reinitialisation\/([A-Za-z0-9_-]{43})/.exec(openedBody(mail).text)![1];
  const reset = await consumeLinkAndSetPassword(token, await hashPassword(NEW_PASSWORD));
  await notifyPasswordChanged(reset!.account, 'reset', request, { sessionsEnded: reset!.sessionsEnded });

  const idle = await signIn('10005', 'Sesame-Pro-2026');
  if (!idle.ok) throw new Error('sign-in failed');
  advanceClock(3 * 3_600_000);
  await resolveSession(idle.sessionId);

  await setAccountDisabled(marie.id, true, actor);
  return token;
}

describe('audit trail', () => {
  it('records sign-ins, failures, throttles, resets, session ends and admin actions, with time, account, address and browser', async () => {
    await everyKindOfEvent();
    const events = await getDb().select().from(auditEvents).orderBy(auditEvents.id);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'sign_in',
      'sign_in_failed',
      'sign_in_throttled',
      'admin_throttles_cleared',
      'reset_requested',
      'reset_completed',
      'session_ended',
      'admin_account_disabled',
    ]) {
      expect(types, type).toContain(type);
    }
    for (const event of events) {
      expect(event.at, event.type).toBeInstanceOf(Date);
      if (event.type !== 'session_ended') expect({ type: event.type, ip: event.ip, ua: event.userAgent }).toEqual({ type: event.type, ip: request.ip, ua: 'vitest' });
      if (event.type !== 'reset_requested' && event.type !== 'sign_in_throttled') expect(event.accountId, event.type).toBeTruthy();
    }
    // What a reset and a disabled account ended, and why the server ended an idle session.
    expect(events.find((e) => e.type === 'reset_completed')?.details).toEqual({ sessionsEnded: 1 });
    expect(events.find((e) => e.type === 'session_ended')?.details).toEqual({ reason: 'idle' });
    expect(events.find((e) => e.type === 'admin_account_disabled')?.details).toEqual({ sessionsEnded: 0 });
  });

  it('writes one structured log line per event', async () => {
    await everyKindOfEvent();
    const lines = logged.filter((l) => l.includes('"msg":"audit"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = await getDb().select().from(auditEvents);
    expect(lines).toHaveLength(events.length);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'audit', type: 'sign_in', ip: request.ip, userAgent: 'vitest', identifier: '00123456' });
  });

  it('never holds a password, a token or a link, in the table or the log', async () => {
    const token = await everyKindOfEvent();
    // Audit lines only: without a Resend key the local outbox prints whole emails, links
    // included, on purpose (development). e2e/helpers/scan-secrets.ts checks a production server's log.
    const auditLines = logged.filter((l) => l.includes('"msg":"audit"'));
    expect(auditLines.length).toBeGreaterThan(10);
    const everything = JSON.stringify(await getDb().select().from(auditEvents)) + auditLines.join('\n');
    for (const secret of [MARKER_PASSWORD, NEW_PASSWORD, 'Sesame-Demo-2026', 'Sesame-Pro-2026', token, '/reinitialisation/']) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('password hashes', () => {
  it('are re-hashed at the next successful sign-in when their cost is below BCRYPT_COST', async () => {
    const cheap = await hashPassword('Un-vieux-mot-de-passe', 4);
    const stored = async () => (await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456')))[0].passwordHash!;
    await getDb().update(accounts).set({ passwordHash: cheap }).where(eq(accounts.identifier, '00123456'));
    // The configuration is read once per module graph: load the sign-in path again with cost 5.
    vi.stubEnv('BCRYPT_COST', '5');
    vi.resetModules();
    try {
      const { signInWithPassword: signInAtCost5 } = await import('@/lib/sign-in/password');
      const attempt = (password: string) => signInAtCost5({ identifier: '00123456', password, remember: false }, request);
      expect((await attempt('pas-le-bon-mot-de-passe')).ok).toBe(false);
      expect(await stored()).toBe(cheap);
      expect((await attempt('Un-vieux-mot-de-passe')).ok).toBe(true);
      expect(bcrypt.getRounds((await stored()).replace(/^\$sha256\$/, ''))).toBe(5);
      expect((await attempt('Un-vieux-mot-de-passe')).ok).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
