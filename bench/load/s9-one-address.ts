/**
 * Section 9: one address looping on sign-ins cannot shut the door on everyone. 48 loops from one
 * address sign in to a demo account with its right password, again and again; meanwhile a second
 * address signs in 8 times, one after another, to 8 other accounts. The same 8 sign-ins are first
 * timed with nobody looping. A right password counts like any other check against its address's
 * and its account's budgets, and one address never holds more than its share of the hashing pool
 * (lib/crypto/hash-pool.ts, lib/throttles/login.ts): the second address's sign-ins all succeed.
 */
import { median, ms, sleep } from './http';
import { log, startServer, startStub } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { DEMO_ACTIVE, describeTally, readForms, SEEDED_ACTIVE, SEEDED_PASSWORD, signIn, tally, type Forms } from './sesame';

const LOOPS = 48;
const SIGN_INS = 8;
const LOOPING_ADDRESS = '198.18.9.1';
const SECOND_ADDRESS = '198.18.9.2';
const LOOPED_ACCOUNT = '00123456';

type Timed = { outcome: string; ms: number };

/** The second address's sign-ins, one after another, to the seeded accounts from `first` on. */
async function secondAddress(forms: Forms, first: number): Promise<Timed[]> {
  const answers: Timed[] = [];
  for (const identifier of SEEDED_ACTIVE.slice(first, first + SIGN_INS)) {
    const answer = await signIn(forms, identifier, SEEDED_PASSWORD, SECOND_ADDRESS);
    answers.push({ outcome: answer.outcome === 'other' ? `other ${answer.status}` : answer.outcome, ms: answer.ms });
  }
  return answers;
}

const describe = (answers: Timed[]) => `${describeTally(tally(answers.map((a) => a.outcome)))}; median ${ms(median(answers.map((a) => a.ms)))}, ${answers.map((a) => Math.round(a.ms)).join(' / ')} ms`;

export const oneAddressSection: Section = {
  number: 9,
  title: 'one address looping on right passwords, another signing in',
  async run(context: Context) {
    const stub = await startStub(context.setup, 'one-address');
    const server = await startServer(context.setup, { database: await context.templates.fresh(), stub, label: 'one-address' });
    try {
      const forms = await readForms(server.base);
      // Warm-up from a third address: the first post loads the action's code.
      await signIn(forms, SEEDED_ACTIVE[60], SEEDED_PASSWORD, '198.18.9.3');

      log(`9: ${SIGN_INS} sign-ins from a second address, nobody looping`);
      const alone = await secondAddress(forms, 30);

      log(`9: ${LOOPS} loops from one address signing in to ${LOOPED_ACCOUNT}, and the second address's ${SIGN_INS} sign-ins`);
      let looping = true;
      const loopOutcomes: string[] = [];
      const loops = Array.from({ length: LOOPS }, async () => {
        while (looping) loopOutcomes.push((await signIn(forms, LOOPED_ACCOUNT, DEMO_ACTIVE[LOOPED_ACCOUNT], LOOPING_ADDRESS)).outcome);
      });
      // The loops first fill whatever they can.
      await sleep(2000);
      const beside = await secondAddress(forms, 40);
      looping = false;
      await Promise.all(loops);

      const allIn = (answers: Timed[]) => answers.every((a) => a.outcome === 'success');
      const rows: Row[] = [
        { id: '9a', measure: `second address, ${SIGN_INS} sign-ins, nobody looping`, value: describe(alone), target: 'all 303', result: verdict(allIn(alone)) },
        {
          id: '9b',
          measure: `second address, ${SIGN_INS} sign-ins, ${LOOPS} loops from one address`,
          value: describe(beside),
          target: 'all 303, none busy',
          result: verdict(allIn(beside)),
        },
        { id: '9c', measure: `the looping address's answers (${LOOPS} loops)`, value: describeTally(tally(loopOutcomes)), target: 'info', result: 'info' },
      ];
      return { rows, details: { alone, beside, loops: tally(loopOutcomes) } };
    } finally {
      await server.stop();
      await stub.stop();
    }
  },
};
