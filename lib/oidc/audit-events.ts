import type Provider from 'oidc-provider';
import { audit } from '@/lib/audit';
import { describeError, log } from '@/lib/logger';
import { localiseFormPost } from '@/lib/oidc/pages';
import { endSesameSessionOf } from '@/lib/oidc/sesame-session';

const watched = new WeakSet<Provider>();

// The writes an event of this request started. oidc-provider's events cannot be awaited; the
// outermost middleware awaits them before the answer leaves, so the audit trail is written when
// the app gets its answer, and no write of a request outlives it.
const PENDING = Symbol('sesame: writes of this request');
type WithPending = { [PENDING]?: Promise<unknown>[] };
const later = (ctx: unknown, write: Promise<unknown>) => ((ctx as WithPending)[PENDING] ??= []).push(write);

/** Issuances and refusals in the audit trail: which client, which account, which error; never a token or a code. */
export function auditProvider(provider: Provider): void {
  if (watched.has(provider)) return;
  watched.add(provider);
  provider.use(async (ctx, next) => {
    await next();
    localiseFormPost(ctx);
    const pending = (ctx as unknown as WithPending)[PENDING];
    if (pending) await Promise.allSettled(pending);
  });
  // Each time an app is sent back with a code: a sign-in to that app, interactive or not.
  provider.on('authorization.success', (ctx) => {
    const accountId = ctx.oidc.session?.accountId ?? null;
    later(ctx, audit({ type: 'oidc_sign_in', accountId, details: { client: ctx.oidc.client?.clientId ?? null, amr: ctx.oidc.session?.amr ?? null } }));
  });
  provider.on('grant.success', (ctx) => {
    const { Client: client, Account: account } = ctx.oidc.entities;
    later(ctx, audit({ type: 'oidc_token_issued', accountId: account?.accountId ?? null, details: { client: client?.clientId, grant: ctx.oidc.params?.grant_type } }));
  });
  provider.on('grant.error', (ctx, error) => {
    later(ctx, audit({ type: 'oidc_token_refused', details: { client: ctx.oidc.entities?.Client?.clientId ?? null, error: (error as { error?: string }).error ?? 'server_error' } }));
  });
  provider.on('authorization.error', (ctx, error) => {
    later(ctx, audit({ type: 'oidc_authorization_refused', details: { client: ctx.oidc.entities?.Client?.clientId ?? null, error: (error as { error?: string }).error ?? 'server_error' } }));
  });
  // "Yes, sign me out" on the provider's sign-out page (not "No, stay signed in").
  provider.on('end_session.success', (ctx) => {
    if (ctx.oidc.params?.logout) later(ctx, endSesameSessionOf(ctx.req));
  });
  // An app's back-channel logout endpoint that did not answer: the app keeps its own session.
  provider.on('backchannel.error', (_ctx, error, client) =>
    log.warn('oidc back-channel logout failed', { client: (client as { clientId?: string })?.clientId, error: describeError(error) }),
  );
  provider.on('server_error', (_ctx, error) => log.error('oidc provider', { error: describeError(error) }));
}
