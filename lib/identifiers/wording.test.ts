import { describe, expect, it } from 'vitest';
import { identifierText, identifierWording, IDENTIFIER_WORDINGS, type IdentifierWording } from '@/lib/identifiers/wording';
import { dictionaries, LOCALES, translator, type Locale } from '@/lib/i18n/messages';
import { mentions } from '@/test/identifier-mentions';

/**
 * Labels of one account's own kind, shown only for an account of that kind (its space, its
 * emails, the staff page about it): each must name its kind and no other.
 */
const ACCOUNT_KIND_LABELS: Record<string, 'licence' | 'client'> = {
  'email.kinds.licence': 'licence',
  'email.kinds.client': 'client',
  'admin.kinds.licence': 'licence',
  'admin.kinds.client': 'client',
  'space.kindLicence': 'licence',
  'space.kindClient': 'client',
  'admin.errors.identifierLicence': 'licence',
  'admin.errors.identifierClient': 'client',
  'selfService.confirm.licence': 'licence',
  'selfService.confirm.client': 'client',
};

/**
 * An import's report speaks of the file's own lines: it quotes the kind column's allowed values
 * ("licence" or "client") and names the kind a line gives. Only operators read it.
 */
const aboutAnImportedLine = (key: string) => key.startsWith('importReport.');
/** OpenID Connect's "client" is an app registered with Sésame: staff's words, in /admin only. */
const aboutOpenIdConnectClients = (key: string) => key.startsWith('openIdConnect.admin.');
const exempt = (key: string) => key in ACCOUNT_KIND_LABELS || aboutAnImportedLine(key) || aboutOpenIdConnectClients(key);

/** Every text of a dictionary as a deployment with this wording can show it: one version of each identifier sentence. */
function textsFor(locale: Locale, wording: IdentifierWording): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === 'string') {
      const key = path.join('.');
      const variant = path[0] === 'identifiers' ? path[2] : undefined;
      if (variant === undefined || variant === wording) out.push([key, node]);
      return;
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, [...path, k]);
  };
  walk(dictionaries[locale], []);
  return out;
}

describe('identifierWording', () => {
  it.each<[string, IdentifierWording, Parameters<typeof identifierWording>[0]]>([
    ['licence numbers only', 'licence', ['licence']],
    ['client codes only', 'client', ['client']],
    ['both', 'both', ['licence', 'client']],
    ['both, in the other order', 'both', ['client', 'licence']],
    ['none (emails only)', 'both', []],
  ])('%s → %s', (_label, wording, kinds) => {
    expect(identifierWording(kinds)).toBe(wording);
  });

  it('names the key of the enabled wording', () => {
    expect(identifierText('signInHint', ['licence'])).toBe('identifiers.signInHint.licence');
    expect(identifierText('format', ['client'])).toBe('identifiers.format.client');
    expect(identifierText('homeStep2', ['licence', 'client'])).toBe('identifiers.homeStep2.both');
  });
});

describe.each(LOCALES)('every text in %s follows the enabled kinds', (locale) => {
  it('licences only: no text names a client code', () => {
    const offending = textsFor(locale, 'licence').filter(([key, text]) => !exempt(key) && mentions('client', locale, text));
    expect(offending).toEqual([]);
  });

  it('client codes only: no text names a licence', () => {
    const offending = textsFor(locale, 'client').filter(([key, text]) => !exempt(key) && mentions('licence', locale, text));
    expect(offending).toEqual([]);
  });

  it('both: every identifier sentence names both when each single version names its own', () => {
    for (const [text, versions] of Object.entries(dictionaries[locale].identifiers)) {
      const licence = mentions('licence', locale, versions.licence);
      const client = mentions('client', locale, versions.client);
      expect({ text, licence: mentions('licence', locale, versions.both), client: mentions('client', locale, versions.both) }).toEqual({ text, licence, client });
    }
  });

  it('labels of an account’s own kind name that kind only', () => {
    const t = translator(locale);
    for (const [key, kind] of Object.entries(ACCOUNT_KIND_LABELS)) {
      const text = t(key as Parameters<typeof t>[0]);
      expect({ key, licence: mentions('licence', locale, text), client: mentions('client', locale, text) }).toEqual({ key, licence: kind === 'licence', client: kind === 'client' });
    }
  });

  it('every identifier sentence has the three versions', () => {
    for (const versions of Object.values(dictionaries[locale].identifiers)) {
      expect(Object.keys(versions).sort()).toEqual([...IDENTIFIER_WORDINGS].sort());
    }
  });
});
