import { Alert } from '@/components/ui/alert';
import type { MessageKey, Translate } from '@/lib/i18n/messages';

const OK = ['created', 'createdSent', 'fromRequest', 'updated', 'disabled', 'enabled', 'linkSent', 'throttlesCleared', 'requestUpdated'] as const;
const ERRORS = ['self', 'linkRefused', 'invalid'] as const;

const pick = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * What the last action did, read from the address it redirected to (`?ok=…` or `?erreur=…`), so
 * the notice shows without JavaScript and a reload does not post the form again.
 */
export function AdminNotice({ ok, error, t }: { ok?: string | string[]; error?: string | string[]; t: Translate }) {
  const success = pick(OK, ok);
  const failure = pick(ERRORS, error);
  if (failure) {
    return (
      <Alert tone="error">
        <p>{t(`admin.errors.${failure}` satisfies MessageKey)}</p>
      </Alert>
    );
  }
  if (!success) return null;
  return (
    <Alert tone="success">
      <p>{t(`admin.ok.${success}` satisfies MessageKey)}</p>
    </Alert>
  );
}
