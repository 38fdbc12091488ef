import { z } from 'zod';

/** Codes are never longer than a recovery code with spaces; anything longer is not one. */
export const MAX_CODE_INPUT = 40;

/**
 * The code forms' one field (a sign-in's second step, an enrolment's first code): the app's code or
 * a recovery code. Anything longer than a code is refused as a wrong one without being checked.
 * The forms show the refusal above the field, as they show a refused code.
 */
export const codeSchema = z.object({
  code: z.string().trim().min(1, 'secondFactor.errors.required').max(MAX_CODE_INPUT, 'secondFactor.errors.wrong'),
});

export type CodeField = keyof z.input<typeof codeSchema>;

/** The code forms as their actions read them (lib/forms/action.ts), beside each one's guard. A code is never echoed back. */
export const codeForm = { schema: () => codeSchema, fields: { text: ['code'] }, secret: ['code'] } as const;
