import type { MessageKey } from '@/lib/i18n/messages';

/** A message about a whole form, as a translation key; `href` when it points somewhere. */
export type FormMessage = { key: MessageKey; values?: Record<string, string | number>; href?: string };

/**
 * What every form's server action answers. The same shape for every form, so that one hook on the
 * client (components/use-action-form.ts) and one helper on the server (forms/action.ts) serve all.
 * `E` is what one form needs beyond it (the recovery codes shown once); by default nothing.
 */
export type FormState<F extends string = string, E = never> = {
  /** The action did what was asked (a request sent, a password changed). */
  done?: boolean;
  /** The first problem of each field, as translation keys. */
  errors?: Partial<Record<F, MessageKey>>;
  /** What was typed, to fill the form again when it comes back without JavaScript. Never a password. */
  values?: Partial<Record<F, string | boolean>>;
  /** About the whole form. */
  message?: FormMessage;
  /** What this form alone answers with: the recovery codes of an enrolment, a passkey's options. */
  extra?: E;
};

/** What a form whose action keeps its state posts to (with useActionState): the last answer and the form. */
export type FormAction<F extends string, E = never> = (previous: FormState<F, E>, formData: FormData) => Promise<FormState<F, E>>;

/** What a plain form posts to when its action keeps no state: it ends in a redirect. */
export type RedirectAction = (formData: FormData) => Promise<void>;
