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
