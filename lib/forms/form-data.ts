/**
 * One text value of a submitted form. A field sent twice, or a file where text is expected, counts
 * as missing: an attacker must not be able to slip a second identifier or address past validation.
 */
export function single(formData: FormData, name: string): string | undefined {
  const values = formData.getAll(name);
  if (values.length !== 1 || typeof values[0] !== 'string') return undefined;
  return values[0];
}

export function checkbox(formData: FormData, name: string): boolean {
  const value = single(formData, name);
  return value === 'on' || value === '1' || value === 'true';
}

export type FormFields<T extends string, C extends string> = { text: readonly T[]; checkboxes?: readonly C[] };

/** The named text fields (missing ones as '') and checkboxes of a form, as its schema reads them. */
export function readForm<T extends string, C extends string = never>(formData: FormData, fields: FormFields<T, C>): Record<T, string> & Record<C, boolean> {
  const values: Record<string, string | boolean> = {};
  for (const name of fields.text) values[name] = single(formData, name) ?? '';
  for (const name of fields.checkboxes ?? []) values[name] = checkbox(formData, name);
  return values as Record<T, string> & Record<C, boolean>;
}
