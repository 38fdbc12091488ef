/**
 * Section 5: what a deploy's SIGTERM costs. First, 8 sign-ins in flight when the node process gets
 * SIGTERM: each should still get its whole answer (a reset connection is a person told to try
 * again). Then, on a fresh server, 6 reset requests answered and SIGTERM right after the last
 * answer: reset requests send their email after the response, so a stop that does not wait for
 * that work loses emails people were told were on their way.
 */
import { freshAddress, sleep, start } from './http';
import { formRequest, pageText, postForm } from './form';
import { log, startServer, startStub } from './processes';
import { verdict, type Context, type Row, type Section } from './report';
import { DEMO_ACTIVE, MESSAGES, readForms, resetValues, SEEDED_ACTIVE, SEEDED_PASSWORD, signIn, signInOutcome, signInValues } from './sesame';

const IN_FLIGHT = 8;
/**
 * The five active demo accounts and one seeded account: six emails, one per request (the two
 * Durand licences share an address, but each request sends its own message).
 */
const RESET_IDENTIFIERS = [...Object.keys(DEMO_ACTIVE), SEEDED_ACTIVE[0]];

const describeExit = (exit: { code: number | null; signal: string | null; ms: number } | null) =>
  exit ? `exited ${exit.signal ?? `code ${exit.code}`} after ${Math.round(exit.ms)} ms` : 'still running after 60 s';

async function signInsThenStop(context: Context) {
  const stub = await startStub(context.setup, 'stop-sign-ins');
  const server = await startServer(context.setup, { database: await context.templates.fresh(), stub, label: 'stop-sign-ins' });
  try {
    const forms = await readForms(server.base);
    await signIn(forms, SEEDED_ACTIVE[30], SEEDED_PASSWORD, freshAddress());
    log(`5: ${IN_FLIGHT} sign-ins in flight, then SIGTERM to pid ${server.pid}`);
    const requests = SEEDED_ACTIVE.slice(0, IN_FLIGHT).map((identifier) => {
      const { url, method, headers, body } = formRequest(forms.signIn, signInValues(identifier, SEEDED_PASSWORD), freshAddress());
      return start(url, { method, headers, body });
    });
    // Every request wholly sent, and a moment for the server to read them: they are in its hands.
    await Promise.all(requests.map((r) => r.sent));
    await sleep(150);
    const exitPromise = server.terminate();
    const answers = await Promise.allSettled(requests.map((r) => r.answer));
    const exit = await exitPromise;
    const complete = answers.filter((a) => a.status === 'fulfilled');
    const successes = complete.filter((a) => signInOutcome(a.value) === 'success').length;
    const lost = answers.flatMap((a) => (a.status === 'rejected' ? [String((a.reason as Error).message ?? a.reason)] : []));
    return { complete: complete.length, successes, lost, exit: describeExit(exit) };
  } finally {
    await server.stop();
    await stub.stop();
  }
}

async function resetsThenStop(context: Context) {
  const stub = await startStub(context.setup, 'stop-resets');
  const server = await startServer(context.setup, { database: await context.templates.fresh(), stub, label: 'stop-resets' });
  try {
    const forms = await readForms(server.base);
    // Warm-up on an unknown identifier: loads the action's code and sends nothing.
    await postForm(forms.reset, resetValues('00999999'), freshAddress());
    await sleep(1000);
    log(`5: ${RESET_IDENTIFIERS.length} reset requests at once, SIGTERM right after the last answer`);
    const answers = await Promise.all(
      RESET_IDENTIFIERS.map((identifier) => {
        const request = formRequest(forms.reset, resetValues(identifier), freshAddress());
        return start(request.url, request).answer;
      }),
    );
    const stoppedAt = Date.now();
    const exit = await server.terminate();
    const confirmed = answers.filter((a) => a.status === 200 && pageText(a.body).includes(MESSAGES.resetSent)).length;
    // The stub may still be taking a send that began before the stop.
    await sleep(2000);
    const messages = (await stub.messages()) as { createdAt?: string }[];
    // How close it was: when the last email reached the stub, relative to the SIGTERM.
    const lastEmailMs = messages.length ? Math.max(...messages.map((m) => Date.parse(m.createdAt ?? '') || 0)) - stoppedAt : null;
    return { confirmed, emails: messages.length, lastEmailMs, exit: describeExit(exit) };
  } finally {
    await server.stop();
    await stub.stop();
  }
}

export const stopSection: Section = {
  number: 5,
  title: 'graceful stop',
  async run(context: Context) {
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};
    try {
      const s = await signInsThenStop(context);
      details.signIns = s;
      rows.push({
        id: '5a',
        measure: `${IN_FLIGHT} sign-ins in flight, then SIGTERM: complete answers`,
        value: `${s.complete}/${IN_FLIGHT} (${s.successes} signed in; ${s.exit})${s.lost.length ? `; lost: ${[...new Set(s.lost)].join(', ')}` : ''}`,
        target: `${IN_FLIGHT}/${IN_FLIGHT}`,
        result: verdict(s.complete === IN_FLIGHT),
      });
    } catch (error) {
      rows.push({ id: '5a', measure: 'sign-ins in flight at SIGTERM', value: `could not run: ${(error as Error).message.split('\n')[0]}`, target: `${IN_FLIGHT}/${IN_FLIGHT}`, result: 'error' });
    }
    try {
      const r = await resetsThenStop(context);
      details.resets = r;
      rows.push({
        id: '5b',
        measure: `${RESET_IDENTIFIERS.length} reset requests answered, SIGTERM: emails received`,
        value:
          `${r.emails}/${RESET_IDENTIFIERS.length} (${r.confirmed} answers confirmed; ` +
          `${r.lastEmailMs === null ? 'no email' : `last email ${Math.abs(r.lastEmailMs)} ms ${r.lastEmailMs < 0 ? 'before' : 'after'} SIGTERM`}; ${r.exit})`,
        target: `${RESET_IDENTIFIERS.length}/${RESET_IDENTIFIERS.length}`,
        result: verdict(r.emails === RESET_IDENTIFIERS.length && r.confirmed === RESET_IDENTIFIERS.length),
      });
    } catch (error) {
      rows.push({ id: '5b', measure: 'reset emails at SIGTERM', value: `could not run: ${(error as Error).message.split('\n')[0]}`, target: `${RESET_IDENTIFIERS.length}/${RESET_IDENTIFIERS.length}`, result: 'error' });
    }
    return { rows, details };
  },
};
