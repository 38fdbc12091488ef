import { describe, expect, it } from 'vitest';
import { emailChangeConfirmEmail, emailChangeNoticeEmail } from '@/lib/mail/templates/email-change';

const base = { orgName: 'Sésame', supportEmail: 'support@example.org' };
const account = { kind: 'licence' as const, identifier: '00123456', name: '<b>Marie</b> & Cie' };
const url = 'https://sesame.example.org/espace/email/tok?a=1&b=2';

describe('the emails of a change of address', () => {
  it('sends the new address its link, in French or English, with every typed value escaped', () => {
    const fr = emailChangeConfirmEmail({ ...base, locale: 'fr', ttlHours: 8, account, newEmail: 'new@example.org', url });
    expect(fr.subject).toBe('Confirmez votre nouvelle adresse e-mail Sésame');
    expect(fr.html).toContain('<html lang="fr"');
    expect(fr.html).toContain('&lt;b&gt;Marie&lt;/b&gt; &amp; Cie');
    expect(fr.html).not.toContain('<b>Marie');
    expect(fr.html).toContain('href="https://sesame.example.org/espace/email/tok?a=1&amp;b=2"');
    for (const body of [fr.html, fr.text]) {
      expect(body).toContain('Licence 00123456');
      expect(body).toContain('new@example.org');
      expect(body).toContain('Ce lien est valable 8 heures.');
    }
    expect(fr.text).toContain(url);

    const en = emailChangeConfirmEmail({ ...base, locale: 'en', ttlHours: 1, account, newEmail: 'new@example.org', url });
    expect(en.subject).toBe('Confirm your new Sésame email address');
    expect(en.text).toContain('This link is valid for 1 hour.');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => emailChangeConfirmEmail({ ...base, locale: 'fr', ttlHours: 8, account, newEmail: 'n@example.org', url: 'javascript:alert(1)' })).toThrow();
  });

  it('tells the old address how to cancel and whom to call, without a link that changes anything', () => {
    const at = new Date('2026-11-29T22:00:00Z');
    const notice = emailChangeNoticeEmail({ ...base, locale: 'fr', appUrl: 'https://sesame.example.org/', account, newEmail: 'new@example.org', at });
    expect(notice.text).toContain('https://sesame.example.org/mot-de-passe-oublie');
    expect(notice.text).toContain('support@example.org');
    expect(notice.text).toContain('dimanche 29 novembre 2026');
    expect(notice.html).toContain('href="mailto:support@example.org"');
    expect(notice.html).toContain('href="https://sesame.example.org/mot-de-passe-oublie"');
    expect(notice.html).not.toContain('/espace/email/');
    const en = emailChangeNoticeEmail({ ...base, locale: 'en', appUrl: 'https://sesame.example.org', account: { ...account, name: '' }, newEmail: 'new@example.org', at });
    expect(en.text.startsWith('Hello,')).toBe(true);
    expect(en.text).toContain('customer service at support@example.org');
  });
});

describe('the headers of the emailed link', () => {
  it('send no Referer from the link that carries the token, and normal ones from the pages', async () => {
    const { securityHeaders } = await import('@/lib/http/security-headers');
    const policy = (pathname: string) => securityHeaders({ pathname, nonce: 'n', dev: false, https: false })['Referrer-Policy'];
    expect(policy(`/espace/email/${'A'.repeat(43)}`)).toBe('no-referrer');
    expect(policy('/espace/email')).toBe('strict-origin-when-cross-origin');
    expect(policy('/espace/email/confirmee')).toBe('strict-origin-when-cross-origin');
    expect(securityHeaders({ pathname: '/espace/email', nonce: 'n', dev: false, https: false })['Cache-Control']).toBe('no-store, max-age=0');
  });
});
