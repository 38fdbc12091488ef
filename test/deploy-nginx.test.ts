import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * deploy/nginx/sesame.conf keeps every emailed token out of every log. The routes are read from
 * app/: a new route with a token in its path fails here until the configuration names it.
 */
const CONFIG_FILE = path.resolve('deploy/nginx/sesame.conf');
const config = readFileSync(CONFIG_FILE, 'utf8');
/** The configuration without its comments, which may quote directives. */
const directives = config.replace(/#.*$/gm, '');
const SAMPLE_TOKEN = 'Zm9vYmFyLWEtdG9rZW4tb2YtNDMtY2hhcmFjdGVycw_-';

/** Every page or route of app/ whose path holds a token (a dynamic segment named …token…), as a path with a token in it. */
function tokenPaths(dir = path.resolve('app'), segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    // Route groups and parallel routes are not in the address.
    const inPath = /^\(.*\)$/.test(name) || name.startsWith('@') ? [] : [name];
    if (/^\[+\.{0,3}[^\]]*token[^\]]*\]+$/i.test(name)) {
      found.push(`/${[...segments, SAMPLE_TOKEN].join('/')}`);
      continue;
    }
    found.push(...tokenPaths(path.join(dir, name), [...segments, ...inPath]));
  }
  return found;
}

/** nginx's `~` and `~*` patterns, as JavaScript reads them (the ones used here mean the same in both). */
const patternOf = (operator: string, source: string) => new RegExp(source.replace(/^"(.*)"$/, '$1'), operator === '~*' ? 'i' : '');

/** What the map gives $sesame_loggable for a request line's URI: regexes in order, else the default. */
function loggable(uri: string): string {
  const block = /map\s+\$request_uri\s+\$sesame_loggable\s*\{([^}]*)\}/.exec(directives);
  if (!block) throw new Error('no map $request_uri $sesame_loggable in sesame.conf');
  const entries = block[1]
    .split(';')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words.length === 2);
  for (const [key, value] of entries) {
    const regex = /^(~\*?)(.+)$/.exec(key);
    if (regex && patternOf(regex[1], regex[2]).test(uri)) return value;
    if (!regex && key !== 'default' && key === uri) return value;
  }
  return entries.find(([key]) => key === 'default')?.[1] ?? '';
}

/** The location blocks with a regex, and what they say. */
const regexLocations = [...directives.matchAll(/location\s+(~\*?)\s+(\S+)\s*\{([^{}]*)\}/g)].map(([, operator, source, body]) => ({
  pattern: patternOf(operator, source),
  body,
}));

/** The body of each `server { … }` block, braces matched. */
function serverBlocks(): string[] {
  const blocks: string[] = [];
  for (const match of directives.matchAll(/\bserver\s*\{/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < directives.length) {
      if (directives[end] === '{') depth += 1;
      if (directives[end] === '}') depth -= 1;
      end += 1;
    }
    blocks.push(directives.slice(match.index + match[0].length, end - 1));
  }
  return blocks;
}

describe('deploy/nginx/sesame.conf', () => {
  const paths = tokenPaths();

  it('finds the routes of app/ that carry an emailed token in their path', () => {
    expect(paths).toEqual(expect.arrayContaining([`/reinitialisation/${SAMPLE_TOKEN}`, `/espace/email/${SAMPLE_TOKEN}`]));
  });

  it('keeps every token route of app/ out of the access log, and logs the other pages', () => {
    for (const uri of paths) {
      expect(loggable(uri), uri).toBe('0');
      expect(loggable(`${uri}?from=email`), uri).toBe('0');
    }
    for (const uri of ['/', '/connexion', '/espace', '/espace/email', '/reinitialisation', '/admin/comptes']) expect(loggable(uri), uri).toBe('1');
  });

  it('writes every access log under that condition, on every server', () => {
    const servers = serverBlocks();
    expect(servers.length).toBeGreaterThanOrEqual(2);
    // A server without its own access_log would write to nginx's default log, unconditionally.
    for (const server of servers) expect(server).toMatch(/access_log\s+\S+\s+\S+\s+if=\$sesame_loggable\s*;/);
    for (const [directive] of directives.matchAll(/access_log[^;]*;/g)) {
      expect(directive).toMatch(/^access_log\s+(off|\S+\s+\S+\s+if=\$sesame_loggable)\s*;$/);
    }
  });

  it('keeps every token route of app/ out of the error log (an unreachable instance logs the request line)', () => {
    for (const uri of paths) {
      // nginx picks the first regex location that matches.
      const location = regexLocations.find(({ pattern }) => pattern.test(uri));
      expect(location, uri).toBeDefined();
      expect(location!.body).toMatch(/error_log\s+\/dev\/null\s*;/);
      expect(location!.body).toMatch(/access_log\s+off\s*;/);
      expect(location!.body).toMatch(/proxy_pass\s+http:\/\/sesame\s*;/);
    }
    for (const uri of ['/connexion', '/espace/email']) expect(regexLocations.some(({ pattern }) => pattern.test(uri)), uri).toBe(false);
  });

  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-nginx-conf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!nginx)('is a configuration nginx accepts (nginx -t, in a throwaway nginx.conf that includes it)', () => {
    // Its certificate and log paths point into a temporary folder: nothing on this machine is touched.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=sesame.example.org', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
    const site = config
      .replace(/\/etc\/letsencrypt\/live\/sesame\.example\.org\/fullchain\.pem/g, `${dir}/cert.pem`)
      .replace(/\/etc\/letsencrypt\/live\/sesame\.example\.org\/privkey\.pem/g, `${dir}/key.pem`)
      .replace(/\/var\/log\/nginx\//g, `${dir}/`);
    writeFileSync(`${dir}/site.conf`, site);
    writeFileSync(`${dir}/nginx.conf`, `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp { include ${dir}/site.conf; }\n`);
    const check = spawnSync(nginx!, ['-t', '-c', `${dir}/nginx.conf`, '-p', `${dir}/`], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    expect(check.status).toBe(0);
  });
});
