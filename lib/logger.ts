/**
 * Sésame's one logger: a JSON line per event, on stdout for `info` and stderr for `warn` and
 * `error`, so that any log collector can read it.
 *
 * Errors are described by their class, their database error code and the message of the root
 * cause: never by the text of a query or its parameters. Drizzle's own message quotes both
 * ("Failed query: … params: …"), which would put emails, names and token hashes in the logs.
 * Callers pass fields they know to be safe: never a password, a token, a link or a hash.
 */
type Fields = Record<string, unknown>;

export type ErrorDescription = { name: string; code?: string; message: string };

const MAX_MESSAGE = 300;

/** What can be logged of an error: its root cause's class, database code and message. */
export function describeError(error: unknown): ErrorDescription {
  let root = error;
  // Drizzle wraps the driver's error (the cause) in one whose message quotes the query.
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  if (!(root instanceof Error)) return { name: typeof root, message: 'a value that is not an Error was thrown' };
  const code = (root as { code?: unknown }).code;
  const message = root.message.startsWith('Failed query') ? 'query failed' : root.message;
  return {
    name: root.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: message.slice(0, MAX_MESSAGE),
  };
}

function write(level: 'info' | 'warn' | 'error', msg: string, fields?: Fields): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'info') console.info(line);
  else if (level === 'warn') console.warn(line);
  else console.error(line);
}

export const log = {
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, error?: unknown, fields?: Fields) =>
    write('error', msg, { ...fields, ...(error === undefined ? {} : { error: describeError(error) }) }),
};
