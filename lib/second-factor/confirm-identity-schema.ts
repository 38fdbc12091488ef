import { z } from 'zod';

// Longer than any password (lib/second-factor/confirm-identity.ts reads at most MAX_PASSWORD_INPUT):
// the rest is not even trimmed.
const MAX_CONFIRM_INPUT = 4096;

/**
 * "Mot de passe actuel ou code de l'application", asked again before a factor is added, renewed or
 * removed (components/second-factor/confirm-identity-field.tsx). Never refused here: an empty or
 * wrong answer is for lib/second-factor/confirm-identity.ts to tell, which counts the wrong ones.
 */
export const confirmIdentitySchema = z.object({
  confirm: z.string().transform((value) => value.slice(0, MAX_CONFIRM_INPUT)),
});

export type ConfirmField = keyof z.input<typeof confirmIdentitySchema>;

/** The forms that ask again, as their actions read them (lib/forms/action.ts), beside each one's guard. Never echoed back. */
export const confirmIdentityForm = { schema: () => confirmIdentitySchema, fields: { text: ['confirm'] }, secret: ['confirm'] } as const;
