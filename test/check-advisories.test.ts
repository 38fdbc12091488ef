import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script (scripts/check-advisories.mjs), without types.
import { judge } from '../scripts/check-advisories.mjs';

/** A report shaped as `npm audit --json` writes it (auditReportVersion 2). */
const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });
const vulnerable = (name: string, severity: string) => ({
  name,
  severity,
  range: '<1.2.3',
  via: [{ title: `A ${severity} flaw in ${name}`, url: `https://github.com/advisories/GHSA-${name}` }],
  fixAvailable: true,
});

describe('npm run check:advisories', () => {
  it('passes a clean report', () => {
    expect(judge(0, report({}, {})).outcome).toBe('pass');
  });

  it('lists moderate advisories without failing', () => {
    const { outcome, lines } = judge(0, report({ leftpad: vulnerable('leftpad', 'moderate') }, { moderate: 1 }));
    expect(outcome).toBe('pass');
    expect(lines.join('\n')).toContain('moderate: leftpad <1.2.3; fix available');
  });

  it('fails on a high or critical advisory, and names it', () => {
    const { outcome, lines } = judge(1, report({ leftpad: vulnerable('leftpad', 'high') }, { high: 1 }));
    expect(outcome).toBe('failing');
    expect(lines.join('\n')).toContain('A high flaw in leftpad');
  });

  it("reports a registry that does not answer the audit endpoint (this machine's: 405), without failing", () => {
    const answer = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(judge(1, answer).outcome).toBe('unanswered');
    expect(judge(null, '').outcome).toBe('unanswered');
  });

  it('fails on anything else npm audit says (no lockfile, no JSON)', () => {
    expect(judge(1, JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } })).outcome).toBe('error');
    expect(judge(1, 'not json').outcome).toBe('error');
  });
});
