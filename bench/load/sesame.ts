/**
 * What the bench knows of Sésame from the outside: its accounts, its forms and the French
 * sentences its answers carry. Nothing here imports the application: the same bench measures any
 * checkout over HTTP.
 */
import type { Answer } from './http';
import { fetchForm, pageText, postForm, type HtmlForm } from './form';

/** The end-to-end suite's seeded accounts (e2e/helpers/seed-accounts.ts): 009P00NN, one password for all. */
export const SEEDED_PASSWORD = 'Initial-Password-2026';

/** Active seeded accounts (number 4 of each set is pending), 69 in all. */
export const SEEDED_ACTIVE: string[] = [0, 1, 2].flatMap((p) =>
  Array.from({ length: 24 }, (_, i) => i + 1)
    .filter((n) => n !== 4)
    .map((n) => `009${p}${String(n).padStart(4, '0')}`),
);

/** Active demo accounts with their passwords (README). */
export const DEMO_ACTIVE: Record<string, string> = {
  '00123456': 'Sesame-Demo-2026',
  '00024680': 'Durand-Lea-2026',
  '00013579': 'Durand-Tom-2026',
  '10005': 'Sesame-Pro-2026',
  '00000001': 'Sesame-Admin-2026',
};

export const MESSAGES = {
  checked: 'Identifiant ou mot de passe incorrect.',
  throttled: 'Trop de tentatives',
  busy: 'Le service est très sollicité',
  resetSent: 'Si ces informations correspondent',
} as const;

export type SignInOutcome = 'success' | 'checked' | 'throttled' | 'busy' | 'other';

/** Where a sign-in the hashing pool could not take is sent: a page answered 503 with Retry-After. */
export const BUSY_PATH = '/connexion/occupe';

/** A successful sign-in answers 303 to /espace; a busy one 303 to BUSY_PATH; every refusal is the page with a message. */
export function signInOutcome(answer: Pick<Answer, 'status' | 'headers' | 'body'>): SignInOutcome {
  const location = String(answer.headers.location ?? '');
  if (answer.status === 303 && location.includes('/espace')) return 'success';
  if (answer.status === 303 && location.split('?')[0] === BUSY_PATH) return 'busy';
  const text = pageText(answer.body);
  if (answer.status === 503 && text.includes(MESSAGES.busy)) return 'busy';
  if (text.includes(MESSAGES.throttled)) return 'throttled';
  if (text.includes(MESSAGES.checked)) return 'checked';
  return 'other';
}

export const isBusy = (status: number, body: string) => status === 503 && pageText(body).includes(MESSAGES.busy);

export type Forms = { signIn: HtmlForm; reset: HtmlForm };

export async function readForms(base: string): Promise<Forms> {
  return {
    signIn: await fetchForm(`${base}/connexion`, ['identifier', 'password']),
    reset: await fetchForm(`${base}/mot-de-passe-oublie`, ['identifier']),
  };
}

/** Sign-in values as a person types them; "remember me" left unticked like the form's default. */
export const signInValues = (identifier: string, password: string) => ({ identifier, password });

export const resetValues = (identifier: string) => ({ identifier, email: '' });

export async function signIn(forms: Forms, identifier: string, password: string, address: string): Promise<Answer & { outcome: SignInOutcome }> {
  const answer = await postForm(forms.signIn, signInValues(identifier, password), address);
  return { ...answer, outcome: signInOutcome(answer) };
}

/** Counts of each outcome, e.g. "success 16" or "checked 5, throttled 35". */
export function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

export const describeTally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
