import { describe, expect, it } from 'vitest';
import { passwordChangedEmail } from '@/lib/mail/templates/password-changed';
import { passwordLinkEmail, type PasswordLink } from '@/lib/mail/templates/password-link';

const base = { orgName: 'Sésame', ttlHours: 8, supportEmail: 'support@example.org' };
const marie: PasswordLink = {
  identifier: '00123456',
  kind: 'licence',
  name: 'Marie Dupont',
  purpose: 'reset',
  url: 'https://sesame.example.org/reinitialisation/tok-marie',
};
const lea: PasswordLink = { ...marie, identifier: '00024680', name: 'Léa Durand', url: 'https://sesame.example.org/reinitialisation/tok-lea' };
const tom: PasswordLink = {
  ...marie,
  identifier: '00013579',
  name: 'Tom Durand',
  purpose: 'activation',
  url: 'https://sesame.example.org/reinitialisation/tok-tom?a=1&b=2',
};

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
const urls = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

describe('passwordLinkEmail', () => {
  it('writes a French reset email with the identifier, the validity and the link at the bottom', () => {
    const email = passwordLinkEmail({ ...base, locale: 'fr', links: [marie] });
    expect(email.subject).toBe('Réinitialisation de votre mot de passe Sésame');
    expect(email.html).toContain('<html lang="fr"');
    expect(email.html).toContain('name="viewport"');
    for (const body of [email.html, email.text]) {
      expect(body).toContain('Bonjour Marie Dupont,');
      expect(body).toContain('00123456');
      expect(body).toContain('Ce lien est valable 8 heures.');
      expect(body).toContain('votre mot de passe reste inchangé');
      expect(body).toContain('lien tout en bas');
      expect(body).toContain('support@example.org');
    }
    // The button and the raw address, and nothing after them.
    expect(hrefs(email.html).slice(-2)).toEqual([marie.url, marie.url]);
    expect(email.html).toContain(`>${marie.url}</a>`);
    expect(urls(email.text).at(-1)).toBe(marie.url);
    expect(email.text.trimEnd().endsWith(marie.url)).toBe(true);
  });

  it('writes an English activation email', () => {
    const email = passwordLinkEmail({ ...base, locale: 'en', ttlHours: 1, links: [{ ...marie, purpose: 'activation' }] });
    expect(email.subject).toBe('Activate your Sésame account');
    expect(email.html).toContain('<html lang="en"');
    for (const body of [email.html, email.text]) {
      expect(body).toContain('Hello Marie Dupont,');
      expect(body).toContain('create your password');
      expect(body).toContain('This link is valid for 1 hour.');
      expect(body).toContain('your password is unchanged');
      expect(body).toContain('00123456');
    }
    expect(email.html).toContain('Create my password');
    expect(hrefs(email.html).at(-1)).toBe(marie.url);
    expect(urls(email.text).at(-1)).toBe(marie.url);
  });

  it('lists several accounts of one address, each with its own link, the last link last', () => {
    for (const locale of ['fr', 'en'] as const) {
      const email = passwordLinkEmail({ ...base, locale, links: [lea, tom] });
      // Not all activations: the reset subject.
      expect(email.subject).toBe(locale === 'fr' ? 'Réinitialisation de votre mot de passe Sésame' : 'Reset your Sésame password');
      for (const body of [email.html, email.text]) {
        expect(body).toContain('00024680');
        expect(body).toContain('00013579');
        expect(body).toContain('Durand');
        expect(body).toContain(locale === 'fr' ? 'Chaque lien est valable 8 heures.' : 'Each link is valid for 8 hours.');
      }
      expect(hrefs(email.html)).toEqual([lea.url, lea.url, tom.url, tom.url]);
      expect(urls(email.text)).toEqual([lea.url, tom.url]);
      // Each account's block names it before its own link.
      expect(email.text.indexOf('00024680', email.text.indexOf('----------'))).toBeLessThan(email.text.indexOf(lea.url));
      expect(email.text.lastIndexOf('00013579')).toBeLessThan(email.text.indexOf(tom.url));
      expect(email.text.indexOf(lea.url)).toBeLessThan(email.text.lastIndexOf('00013579'));
    }
  });

  it('uses the activation subject only when every link is an activation', () => {
    const email = passwordLinkEmail({ ...base, locale: 'fr', links: [{ ...lea, purpose: 'activation' }, tom] });
    expect(email.subject).toBe('Activez votre compte Sésame');
  });

  it('escapes every value put into the HTML', () => {
    const evil: PasswordLink = { ...marie, name: `<script>alert("x")</script> & 'Co'` };
    const email = passwordLinkEmail({ ...base, orgName: 'A&B <Club>', locale: 'fr', links: [evil] });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<Club>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
    expect(email.html).toContain('A&amp;B &lt;Club&gt;');
    // The plain text keeps the name as typed.
    expect(email.text).toContain(`<script>alert("x")</script> & 'Co'`);
  });

  it('escapes the URL in attributes and refuses anything but http(s) links', () => {
    const email = passwordLinkEmail({ ...base, locale: 'fr', links: [tom] });
    expect(email.html).toContain('href="https://sesame.example.org/reinitialisation/tok-tom?a=1&amp;b=2"');
    expect(() => passwordLinkEmail({ ...base, locale: 'fr', links: [{ ...marie, url: 'javascript:alert(1)' }] })).toThrow();
    expect(() => passwordLinkEmail({ ...base, locale: 'fr', links: [] })).toThrow();
  });

  it('names a customer code for client accounts', () => {
    const email = passwordLinkEmail({
      ...base,
      locale: 'fr',
      links: [{ identifier: '10005', kind: 'client', name: 'Papeterie Exemple', purpose: 'reset', url: 'https://x.example/r/1' }],
    });
    expect(email.text).toContain('Code client 10005');
  });
});

describe('passwordChangedEmail', () => {
  // 14:05 in Paris (UTC+1 in winter).
  const at = new Date('2026-03-03T13:05:00Z');
  const input = {
    orgName: 'Sésame',
    identifier: '00123456',
    name: 'Marie <Dupont>',
    supportEmail: 'support@example.org',
    appUrl: 'https://sesame.example.org/',
    at,
  };

  it('says when, for which identifier, and what to do if it was not you (French)', () => {
    const email = passwordChangedEmail({ ...input, locale: 'fr' });
    expect(email.subject).toBe('Votre mot de passe a été modifié');
    expect(email.html).toContain('<html lang="fr"');
    for (const body of [email.html, email.text]) {
      expect(body).toContain('00123456');
      expect(body).toContain('14:05');
      expect(body).toContain('3 mars 2026');
      expect(body).toContain('heure de Paris');
      expect(body).toContain('https://sesame.example.org/mot-de-passe-oublie');
      expect(body).toContain('support@example.org');
    }
    expect(email.html).toContain('href="https://sesame.example.org/mot-de-passe-oublie"');
    expect(email.html).toContain('Marie &lt;Dupont&gt;');
    expect(email.html).not.toContain('<Dupont>');
  });

  it('has an English version', () => {
    const email = passwordChangedEmail({ ...input, locale: 'en' });
    expect(email.subject).toBe('Your password has been changed');
    expect(email.text).toContain('3 March 2026');
    expect(email.text).toContain('14:05 (Paris time)');
    expect(email.text).toContain('If it was not you, reset your password right away at https://sesame.example.org/mot-de-passe-oublie');
  });
});
