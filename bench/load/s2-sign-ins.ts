/**
 * Section 2: how many sign-ins per second the server completes when 16 arrive at once. Every
 * sign-in costs one bcrypt comparison, so a server that uses every core reaches about
 * cores ÷ t_compare; the target leaves 20 % for the rest of the request.
 */
import { freshAddress, median, ms } from './http';
import { verdict, type Context, type Row, type Section } from './report';
import { log } from './processes';
import { describeTally, readForms, SEEDED_ACTIVE, SEEDED_PASSWORD, signIn, tally, type Forms } from './sesame';

export const BURST = 16;
const ROUNDS = 2;
const ALONE_RUNS = 10;

/** 16 sign-ins posted at once on 16 accounts, each from its own address. */
export async function burstOfSignIns(forms: Forms, round: number) {
  const first = (round * BURST) % (3 * BURST);
  const accounts = SEEDED_ACTIVE.slice(first, first + BURST);
  const began = performance.now();
  const answers = await Promise.all(accounts.map((identifier) => signIn(forms, identifier, SEEDED_PASSWORD, freshAddress())));
  return { seconds: (performance.now() - began) / 1000, outcomes: answers.map((a) => (a.outcome === 'other' ? `other ${a.status}` : a.outcome)) };
}

export const signInsSection: Section = {
  number: 2,
  title: 'sign-ins per second, 16 at once',
  async run(context: Context) {
    const { server } = await context.shared();
    const forms = await readForms(server.base);
    // Warm-up: the first post loads the action's code.
    for (let i = 0; i < 2; i += 1) await signIn(forms, SEEDED_ACTIVE[60 + i], SEEDED_PASSWORD, freshAddress());

    log(`2: ${ALONE_RUNS} sign-ins one at a time`);
    const alone: number[] = [];
    const aloneOutcomes: string[] = [];
    for (let i = 0; i < ALONE_RUNS; i += 1) {
      const answer = await signIn(forms, SEEDED_ACTIVE[40 + i], SEEDED_PASSWORD, freshAddress());
      alone.push(answer.ms);
      aloneOutcomes.push(answer.outcome);
    }

    let seconds = 0;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      log(`2: round ${round + 1}/${ROUNDS}: ${BURST} sign-ins at once`);
      const burst = await burstOfSignIns(forms, round);
      seconds += burst.seconds;
      outcomes.push(...burst.outcomes);
    }
    const counts = tally(outcomes);
    const successes = counts.success ?? 0;
    const rate = successes / seconds;
    const target = (0.8 * context.cores) / (context.tCompareMs / 1000);
    const allSucceeded = successes === outcomes.length;
    const rows: Row[] = [
      {
        id: '2a',
        measure: `sign-ins/s, ${BURST} posted at once (${ROUNDS} rounds)`,
        value: `${rate.toFixed(2)}/s${allSucceeded ? '' : ` (${describeTally(counts)})`}`,
        target: `≥ 0.8×cores÷t_compare = ${target.toFixed(2)}/s, all 303`,
        result: verdict(allSucceeded && rate >= target),
      },
      {
        id: '2b',
        measure: 'one sign-in alone (median of 10)',
        value: `${ms(median(alone))} (${(median(alone) / context.tCompareMs).toFixed(2)}× t_compare)${aloneOutcomes.every((o) => o === 'success') ? '' : ` (${describeTally(tally(aloneOutcomes))})`}`,
        target: 'info',
        result: 'info',
      },
    ];
    return { rows, details: { rate, target, seconds, outcomes: counts, aloneMs: alone } };
  },
};
