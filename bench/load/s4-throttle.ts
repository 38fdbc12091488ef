/**
 * Section 4: the per-identifier throttle under a burst. A guesser who posts 40 passwords for one
 * identifier at once must not get more of them checked than one who posts them one after
 * another; a throttled answer must cost no bcrypt comparison (or a burst of throttled posts still
 * eats the CPU); and it must take as long for an unknown identifier as for a known one.
 * Each post comes from its own address so that only the identifier's throttle is at work.
 */
import { freshAddress, median, ms } from './http';
import { log } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { describeTally, readForms, signIn, tally, type Forms } from './sesame';

const ATTEMPTS = 40;
const PAIRS = 10;
const WRONG = 'Wrong-Password-2026';
export const BURST_IDENTIFIER = '00024680';
export const SEQUENTIAL_IDENTIFIER = '00013579';
export const UNKNOWN_IDENTIFIER = '00999999';

type Attempt = { outcome: string; ms: number };

const wrong = async (forms: Forms, identifier: string): Promise<Attempt> => {
  const answer = await signIn(forms, identifier, WRONG, freshAddress());
  return { outcome: answer.outcome === 'other' ? `other ${answer.status}` : answer.outcome, ms: answer.ms };
};

const throttledTimes = (attempts: Attempt[]) => attempts.filter((a) => a.outcome === 'throttled').map((a) => a.ms);

export const throttleSection: Section = {
  number: 4,
  title: 'throttle of one identifier under a burst',
  async run(context: Context) {
    const { server } = await context.shared();
    const forms = await readForms(server.base);

    log(`4: ${ATTEMPTS} wrong passwords for ${BURST_IDENTIFIER} at once`);
    const burst = await Promise.all(Array.from({ length: ATTEMPTS }, () => wrong(forms, BURST_IDENTIFIER)));
    log(`4: ${ATTEMPTS} wrong passwords for ${SEQUENTIAL_IDENTIFIER} one after another`);
    const sequential: Attempt[] = [];
    for (let i = 0; i < ATTEMPTS; i += 1) sequential.push(await wrong(forms, SEQUENTIAL_IDENTIFIER));

    // The unknown identifier is throttled like a known one once it has failed often enough.
    log(`4: throttling the unknown ${UNKNOWN_IDENTIFIER}, then ${PAIRS} throttled answers each, interleaved`);
    let unknownThrottled = false;
    for (let i = 0; i < 12 && !unknownThrottled; i += 1) unknownThrottled = (await wrong(forms, UNKNOWN_IDENTIFIER)).outcome === 'throttled';
    const known: Attempt[] = [];
    const unknown: Attempt[] = [];
    for (let i = 0; i < PAIRS; i += 1) {
      known.push(await wrong(forms, BURST_IDENTIFIER));
      unknown.push(await wrong(forms, UNKNOWN_IDENTIFIER));
    }

    const burstCounts = tally(burst.map((a) => a.outcome));
    const sequentialCounts = tally(sequential.map((a) => a.outcome));
    const aloneThrottled = [...throttledTimes(sequential), ...throttledTimes(known), ...throttledTimes(unknown)];
    const aloneMedian = median(aloneThrottled);
    const knownMedian = median(throttledTimes(known));
    const unknownMedian = median(throttledTimes(unknown));
    const burstThrottledMedian = median(throttledTimes(burst));
    const limit = context.tCompareMs / 10;
    const spread = Math.abs(knownMedian - unknownMedian);
    const rows: Row[] = [
      {
        id: '4a',
        measure: `${ATTEMPTS} wrong passwords for one identifier at once → one after another`,
        value: `${describeTally(burstCounts)} → ${describeTally(sequentialCounts)}`,
        target: 'checked at once ≤ one after another',
        result: verdict((burstCounts.checked ?? 0) <= (sequentialCounts.checked ?? 0)),
      },
      {
        id: '4b',
        measure: 'throttled answer, posted alone (median)',
        value: `${ms(aloneMedian)} (${(aloneMedian / context.tCompareMs).toFixed(2)}× t_compare, n=${aloneThrottled.length})`,
        target: `< t_compare÷10 = ${ms(limit)}`,
        result: verdict(aloneThrottled.length > 0 && aloneMedian < limit),
      },
      {
        id: '4c',
        measure: `throttled answers inside the burst of ${ATTEMPTS} (median)`,
        value: `${ms(burstThrottledMedian)} (n=${throttledTimes(burst).length})`,
        target: 'info (queues behind the checked ones)',
        result: 'info',
      },
      {
        id: '4d',
        measure: `throttled answer, known ${BURST_IDENTIFIER} vs unknown ${UNKNOWN_IDENTIFIER} (median of ${PAIRS})`,
        value:
          unknownThrottled && throttledTimes(known).length && throttledTimes(unknown).length
            ? `${ms(knownMedian)} vs ${ms(unknownMedian)}`
            : `not throttled: known ${describeTally(tally(known.map((a) => a.outcome)))}; unknown ${describeTally(tally(unknown.map((a) => a.outcome)))}`,
        target: 'same (within 20 % or 5 ms)',
        result: verdict(unknownThrottled && spread <= Math.max(5, 0.2 * Math.max(knownMedian, unknownMedian))),
      },
    ];
    return { rows, details: { burst, sequential, known, unknown, limitMs: limit } };
  },
};
