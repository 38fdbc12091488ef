/**
 * Control characters people never mean to type, whatever the field: all but tab and line breaks.
 * They are invisible, and Postgres refuses NUL outright.
 */
const INVISIBLE_CONTROLS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f';

/** Free text over several lines (a message): no invisible control character. */
export const MULTI_LINE = new RegExp(`^[^${INVISIBLE_CONTROLS}]*$`);
/** One-line text (a name): no control character at all, line breaks included. */
export const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;

/** Where such characters carry no meaning (staff notes, a search), they are dropped rather than refused. */
export function withoutControls(value: string): string {
  return value.replace(new RegExp(`[${INVISIBLE_CONTROLS}]`, 'g'), '');
}
