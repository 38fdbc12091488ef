/**
 * Posting a page's form the way a browser without JavaScript does: read the form as served (its
 * visible fields and the hidden ones React adds to name the server action), fill in some values,
 * and encode the body as the form's `enctype` says. React gives every server-action form
 * `enctype="multipart/form-data"`, and Next.js runs an action only from a multipart post (an
 * urlencoded post is answered as a plain page view), so following the form's own enctype is what
 * makes the post reach the action.
 */
import { randomBytes } from 'node:crypto';
import { send, type Answer } from './http';

export type Fields = [string, string][];
export type HtmlForm = { action: string; method: string; enctype: string; fields: Fields };

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag (`<input type="hidden" name="x" value="y" checked>`). */
function attributes(tagBody: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tagBody.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!found.has(name)) found.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return found;
}

/** What the form would post if submitted with its first submit button, in document order. */
function formFields(inner: string): Fields {
  const fields: Fields = [];
  let submitterSeen = false;
  const controls = /<(input|button|textarea|select)\b([^>]*)>/gi;
  for (let m = controls.exec(inner); m; m = controls.exec(inner)) {
    const tag = m[1].toLowerCase();
    const attrs = attributes(m[2]);
    const name = attrs.get('name');
    const disabled = attrs.has('disabled');
    if (tag === 'textarea' || tag === 'select') {
      const close = inner.indexOf(`</${tag}`, controls.lastIndex);
      const content = close < 0 ? '' : inner.slice(controls.lastIndex, close);
      controls.lastIndex = Math.max(controls.lastIndex, close);
      if (!name || disabled) continue;
      if (tag === 'textarea') fields.push([name, decodeEntities(content).replace(/^\r?\n/, '')]);
      else {
        const options = [...content.matchAll(/<option\b([^>]*)>([^<]*)/gi)].map((o) => ({ attrs: attributes(o[1]), text: decodeEntities(o[2]).trim() }));
        const chosen = options.find((o) => o.attrs.has('selected')) ?? options[0];
        if (chosen) fields.push([name, chosen.attrs.get('value') ?? chosen.text]);
      }
      continue;
    }
    const type = (attrs.get('type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
    if (type === 'submit' || type === 'image') {
      // Only the button that submits the form is sent (React may name the action on it).
      if (!submitterSeen && !disabled && name) fields.push([name, attrs.get('value') ?? '']);
      submitterSeen = true;
      continue;
    }
    if (!name || disabled || type === 'button' || type === 'reset' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !attrs.has('checked')) continue;
    fields.push([name, attrs.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  }
  return fields;
}

export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const attrs = attributes(m[1]);
    return {
      action: new URL(attrs.get('action') || pageUrl, pageUrl).href,
      method: (attrs.get('method') || 'GET').toUpperCase(),
      enctype: (attrs.get('enctype') || 'application/x-www-form-urlencoded').toLowerCase(),
      fields: formFields(m[2]),
    };
  });
}

/** GETs the page and returns its first form that has every one of these fields. */
export async function fetchForm(pageUrl: string, names: string[]): Promise<HtmlForm> {
  const page = await send(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
  const form = parseForms(page.body, pageUrl).find((f) => names.every((n) => f.fields.some(([name]) => name === n)));
  if (!form) throw new Error(`no form with the fields ${names.join(', ')} on ${pageUrl}`);
  return form;
}

/** `fields` with these values instead; a field the form does not have is added. */
export function withValues(fields: Fields, values: Record<string, string>): Fields {
  const out: Fields = fields.map(([name, value]) => [name, Object.hasOwn(values, name) ? values[name] : value]);
  for (const [name, value] of Object.entries(values)) if (!fields.some(([n]) => n === name)) out.push([name, value]);
  return out;
}

/** The field names' escaping browsers use in multipart bodies (WHATWG HTML, "multipart/form-data encoding"). */
const escapeName = (name: string) => name.replace(/\r\n|\r|\n/g, '\r\n').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

export function encodeForm(form: HtmlForm, fields: Fields): { body: Buffer; contentType: string } {
  if (form.enctype === 'multipart/form-data') {
    const boundary = `----SesameBench${randomBytes(12).toString('hex')}`;
    const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${value.replace(/\r?\n/g, '\r\n')}\r\n`);
    return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  return { body: Buffer.from(new URLSearchParams(fields).toString(), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
}

/** The request of a form post from `address`: method, headers (Origin of the server) and body. */
export function formRequest(form: HtmlForm, values: Record<string, string>, address: string) {
  const { body, contentType } = encodeForm(form, withValues(form.fields, values));
  const url = new URL(form.action);
  return {
    url: url.href,
    path: `${url.pathname}${url.search}`,
    method: form.method,
    headers: { origin: url.origin, 'content-type': contentType, 'x-forwarded-for': address, 'accept-language': 'fr' },
    body,
  };
}

export async function postForm(form: HtmlForm, values: Record<string, string>, address: string): Promise<Answer> {
  const { url, method, headers, body } = formRequest(form, values, address);
  return send(url, { method, headers, body });
}

/** The visible text of a page, for matching messages; scripts (React's streamed data) left out. */
export function pageText(html: string): string {
  return decodeEntities(html.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}
