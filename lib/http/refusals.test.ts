import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, refusalOf, refusalPage } from '@/lib/http/refusals';

const post = (headers: Record<string, string>) => refusalOf('POST', new Headers({ host: 'sesame.example.org', ...headers }));

describe('refusalOf', () => {
  it('lets a form posted from this site through', () => {
    expect(post({ origin: 'https://sesame.example.org', 'content-length': '512' })).toBeNull();
  });

  it('lets a post without Origin through (Next.js still checks it)', () => {
    expect(post({})).toBeNull();
  });

  it.each(['https://evil.test', 'null', 'https://sesame.example.org.evil.test', 'not a url'])('refuses a post from %s', (origin) => {
    expect(post({ origin })).toEqual({ status: 403, reason: 'crossSite' });
  });

  it('compares with X-Forwarded-Host when a proxy sets it, as Next.js does', () => {
    expect(refusalOf('POST', new Headers({ host: 'internal:3000', 'x-forwarded-host': 'sesame.example.org', origin: 'https://sesame.example.org' }))).toBeNull();
  });

  it('refuses a body larger than server actions accept', () => {
    expect(post({ 'content-length': String(MAX_BODY_BYTES) })).toBeNull();
    expect(post({ 'content-length': String(MAX_BODY_BYTES + 1) })).toEqual({ status: 413, reason: 'tooLarge' });
  });

  it('never refuses a GET', () => {
    expect(refusalOf('GET', new Headers({ origin: 'https://evil.test', 'content-length': '99999999' }))).toBeNull();
  });
});

describe('refusalPage', () => {
  it('says what happened in French, then English', () => {
    const html = refusalPage({ status: 403, reason: 'crossSite' });
    expect(html.indexOf('envoyé depuis un autre site')).toBeGreaterThan(0);
    expect(html.indexOf('sent from another website')).toBeGreaterThan(html.indexOf('envoyé depuis un autre site'));
    expect(html).toContain('<section lang="en">');
  });
});
