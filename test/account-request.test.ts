import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { requestReference } from '@/lib/account-requests/reference';
import { submitAccountRequest } from '@/lib/account-requests/submit';
import { closeDb, getDb } from '@/lib/db/client';
import { accountRequests, auditEvents, emailOutbox, throttles } from '@/lib/db/schema';
import { openedBody } from '@/lib/mail/queue';
import { request, resetDatabase } from './database';

/**
 * The acknowledgement of an account-opening request goes to whatever address was typed: it repeats
 * nothing typed, and is capped per address (3 a day) and in all (200 a day by default).
 */
const PHISHING = {
  name: 'Votre compte sera fermé <a href="https://evil.example/login">cliquez ici</a>',
  organisation: 'Service sécurité',
  identifier: '',
  email: 'victime@example.test',
  phone: '',
  message: 'Votre compte expire aujourd’hui. Reconnectez-vous sur https://evil.example/login <b>immédiatement</b>.',
  consent: true,
};

const submit = (values: Partial<typeof PHISHING> = {}, ip = request.ip) => submitAccountRequest({ ...PHISHING, ...values }, 'fr', { ...request, ip });
const emails = async (template: string, to?: string) =>
  (await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, template)))
    .filter((row) => to === undefined || row.to.toLowerCase() === to)
    .map((row) => ({ to: row.to, subject: row.subject, ...openedBody(row) }));

beforeEach(resetDatabase);
afterAll(closeDb);

describe('the acknowledgement', () => {
  it('is a fixed text with the request’s reference, nothing typed', async () => {
    await submit();
    const [row] = await getDb().select().from(accountRequests);
    const reference = requestReference(row.id);
    expect(reference).toMatch(/^DEM-[0-9A-F]{8}$/);
    const [ack] = await emails('account_request_received');
    expect(ack.to).toBe(PHISHING.email);
    for (const part of [ack.subject, ack.html, ack.text]) {
      for (const typed of ['evil.example', 'cliquez', 'fermé', 'Service sécurité', 'immédiatement', 'expire']) expect(part).not.toContain(typed);
    }
    expect(ack.text).toContain(`Référence de votre demande : ${reference}`);
    expect(ack.html).toContain(reference);
    // The only link is the support address, from the configuration.
    expect(ack.html.match(/href=/g) ?? []).toHaveLength(0);
  });

  it('is in the requester’s language', async () => {
    await submitAccountRequest({ ...PHISHING }, 'en', request);
    const [ack] = await emails('account_request_received');
    expect(ack.text).toMatch(/Your request’s reference: DEM-[0-9A-F]{8}/);
  });

  it('goes to one address at most 3 times a day, whatever the sender’s address; the requests are all kept and notified', async () => {
    for (let i = 0; i < 5; i += 1) await submit({ email: 'Victime@Example.test' }, `192.0.2.${i}`);
    expect(await emails('account_request_received', PHISHING.email)).toHaveLength(3);
    expect(await getDb().select().from(accountRequests)).toHaveLength(5);
    const notifications = await emails('account_request_notification');
    expect(notifications).toHaveLength(5);
    expect(notifications.filter((n) => n.text.includes('Aucun accusé de réception'))).toHaveLength(2);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'account_request'));
    expect(events.map((e) => (e.details as { acknowledged: boolean }).acknowledged)).toEqual([true, true, true, false, false]);
  });

  it('stops for everyone once the day’s total is reached', async () => {
    const at = new Date();
    await getDb().insert(throttles).values({ key: 'opening:ack:day', count: 200, windowStartedAt: at, updatedAt: at });
    await submit({ email: 'premiere-fois@example.test' });
    expect(await emails('account_request_received')).toHaveLength(0);
    const [notification] = await emails('account_request_notification');
    expect(notification.html).toContain('Aucun accusé de réception');
  });
});

describe('the notification to customer service', () => {
  it('carries everything typed, escaped in the HTML, with the reference', async () => {
    await submit({ identifier: '123456', phone: '06 12 34 56 78' });
    const [row] = await getDb().select().from(accountRequests);
    const [notification] = await emails('account_request_notification');
    expect(notification.to).toBe('support@example.org');
    expect(notification.html).not.toContain('<a href="https://evil.example');
    expect(notification.html).not.toContain('<b>immédiatement</b>');
    expect(notification.html).toContain('&lt;b&gt;immédiatement&lt;/b&gt;');
    expect(notification.html).toContain('&lt;a href=&quot;https://evil.example/login&quot;&gt;');
    for (const typed of [PHISHING.message, PHISHING.organisation, PHISHING.email, '00123456', '06 12 34 56 78', requestReference(row.id)]) {
      expect(notification.text).toContain(typed);
    }
    expect(notification.text).not.toContain('Aucun accusé de réception');
  });
});
