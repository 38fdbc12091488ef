export const DEFAULT_AFTER_SIGN_IN = '/espace';

/**
 * Keeps a post-sign-in destination on this site. Anything that a browser could read as another
 * origin (`//evil.test`, `/\evil.test`, `https://…`, control characters) falls back to /espace.
 */
export function safeRedirectPath(target: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith('/') || target.startsWith('//')) return fallback;
  // Browsers treat backslashes as slashes and drop tabs and newlines, so `/\evil` means `//evil`.
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  try {
    const base = 'http://sesame.invalid';
    const url = new URL(target, base);
    // Parsing drops "." and ".." segments, so "/.//evil.test" becomes "//evil.test": check again.
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (url.origin !== base || path.startsWith('//')) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
