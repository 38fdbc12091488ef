import { z } from 'zod';
import { checkAccountFields, checkEmail, checkName, MAX_NAME_LENGTH, type AccountFields, type FieldProblem } from '@/lib/accounts/fields';
import { MAX_EMAIL_LENGTH, type IdentifierKind } from '@/lib/identifiers/parse';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * The staff forms' schemas (create an account, correct its email and name), shared by their
 * client components and server actions. They run the same checks as imports (lib/accounts/fields.ts)
 * and show each problem as a translated message.
 */
export const ADMIN_LIMITS = { name: MAX_NAME_LENGTH, email: MAX_EMAIL_LENGTH, query: 100 } as const;

function messageOf(problem: FieldProblem, kind: string): MessageKey {
  switch (problem.field) {
    case 'identifier':
      if (problem.code === 'empty') return 'fields.required';
      return kind === 'client' ? 'admin.errors.identifierClient' : 'admin.errors.identifierLicence';
    case 'email':
      return problem.code === 'empty' ? 'fields.required' : 'opening.emailFormat';
    case 'name':
      return problem.code === 'tooLong' ? 'admin.errors.nameTooLong' : 'opening.invalidText';
    default:
      return 'fields.required';
  }
}

const accountFormFields = z.object({
  identifier: z.string(),
  kind: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  role: z.string(),
});

export function accountSchema(kinds: readonly IdentifierKind[]) {
  return accountFormFields.transform((values, ctx): Required<AccountFields> => {
    const checked = checkAccountFields(values, kinds, true);
    if (checked.ok) return { ...checked.account, locale: checked.account.locale ?? 'fr', role: checked.account.role ?? 'member' };
    // Every field's first problem, all at once.
    for (const problem of checked.problems) ctx.addIssue({ code: 'custom', path: [problem.field], message: messageOf(problem, values.kind) });
    return z.NEVER;
  });
}

export type AccountInput = z.input<ReturnType<typeof accountSchema>>;
export type AccountValues = z.output<ReturnType<typeof accountSchema>>;
export type AccountField = keyof AccountInput;

export const profileSchema = z.object({ email: z.string(), name: z.string() }).transform((values, ctx) => {
  const [email, ...names] = [checkEmail(values.email), ...checkName(values.name)];
  for (const result of [email, ...names]) {
    if ('problem' in result) ctx.addIssue({ code: 'custom', path: [result.problem.field], message: messageOf(result.problem, '') });
  }
  if (!('value' in email) || !('value' in names[0]) || names.length > 1) return z.NEVER;
  return { email: email.value, name: names[0].value };
});

export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileValues = z.output<typeof profileSchema>;
export type ProfileField = keyof ProfileInput;
