import { escapeHtml } from '@/lib/html';

/**
 * A page answered before (or instead of) the application's own pages: a refused form, a busy
 * service. Self-contained HTML with the site's colours and no script, readable in any state the
 * server is in. Each block has its own language and heading; the first is the page's title.
 */
export type PageBlock = {
  lang: 'fr' | 'en';
  title: string;
  paragraphs: string[];
  /** Markup the caller built and escaped itself (a form's buttons), after the paragraphs. */
  trustedHtml?: string;
  link?: { href: string; label: string };
};

export function plainPage(blocks: PageBlock[]): string {
  const block = (b: PageBlock, i: number) => {
    const heading = i === 0 ? 'h1' : 'h2';
    return (
      `<section lang="${b.lang}"><${heading}>${escapeHtml(b.title)}</${heading}>` +
      b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
      (b.trustedHtml ?? '') +
      (b.link ? `<p><a href="${escapeHtml(b.link.href)}" style="color:#1f3a8a">${escapeHtml(b.link.label)}</a></p>` : '') +
      '</section>'
    );
  };
  return [
    `<!doctype html><html lang="${blocks[0].lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(blocks[0].title)} · Sésame</title></head>`,
    '<body style="margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937;background:#f3f4f6;line-height:1.5">',
    '<main style="max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;border-top:4px solid #1f3a8a">',
    blocks.map(block).join('<hr style="border:0;border-top:1px solid #e5e7eb;margin:1.5rem 0">'),
    '</main></body></html>',
  ].join('');
}
