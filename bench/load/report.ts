/**
 * The one table the bench prints, and what every section gets to work with.
 */
import type { PgliteTemplate, Server, Setup, Stub } from './processes';

export type Verdict = 'pass' | 'FAIL' | 'info' | 'error';

export type Row = { id: string; measure: string; value: string; target: string; result: Verdict };

export type Options = {
  dir: string;
  only: Set<number>;
  mixedSeconds: number;
  pgSeconds: number;
  pgUrl: string;
};

export type Context = {
  setup: Setup;
  options: Options;
  cores: number;
  /** Median bcrypt comparison at the production cost, measured in this process (section 1). */
  tCompareMs: number;
  templates: PgliteTemplate;
  /** One server (and its stub) on a fresh embedded database, shared by sections 2 to 4. */
  shared(): Promise<{ server: Server; stub: Stub }>;
};

export type SectionOutcome = { rows: Row[]; details?: unknown };

export type Section = { number: number; title: string; run(context: Context): Promise<SectionOutcome> };

export const verdict = (ok: boolean): Verdict => (ok ? 'pass' : 'FAIL');

export function formatTable(rows: Row[]): string {
  const header: Row = { id: '#', measure: 'measure', value: 'measured', target: 'target', result: 'pass' };
  const cells = (r: Row) => [r.id, r.measure, r.value, r.target, r === header ? 'result' : r.result];
  const all = [header, ...rows].map(cells);
  const widths = all[0].map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}
