import type { ComponentProps } from 'react';
import { Field } from '@/components/ui/field';
import { MAX_IDENTIFIER_INPUT } from '@/lib/identifiers/parse';

type Props = Omit<ComponentProps<typeof Field>, 'type'> & {
  /** `account`: a number or an email, to sign in with (a password manager's username); `number`: a licence number or client code alone. */
  accepts: 'account' | 'number';
};

/** An identifier as people type it, copied from a card or an invoice: never capitalised or spell-checked. */
export function IdentifierField({ accepts, ...props }: Props) {
  const typing =
    accepts === 'account'
      ? { autoComplete: 'username', inputMode: 'text' as const, maxLength: MAX_IDENTIFIER_INPUT }
      : { autoComplete: 'off', inputMode: 'numeric' as const, maxLength: 40 };
  return <Field autoCapitalize="none" spellCheck={false} {...typing} {...props} />;
}
