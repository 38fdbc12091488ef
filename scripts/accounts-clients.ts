/**
 * `npm run accounts -- clients …`: the apps that sign people in with Sésame (lib/oidc/clients.ts,
 * docs/openid-connect.md).
 */
import { getConfig } from '@/lib/config';
import { addClient, ClientProblem, listClients, removeClient, rotateClientSecret } from '@/lib/oidc/clients';
import { addSigningKey } from '@/lib/oidc/keys';

export async function clients(args: string[], values: Record<string, unknown>): Promise<void> {
  const [action, id, ...extra] = args;
  if (extra.length > 0) throw new Error(`Unexpected argument "${extra[0]}". See: npm run accounts -- help`);
  try {
    if (action === 'add') {
      if (typeof values.name !== 'string') throw new ClientProblem('--name is needed');
      const { client, secret } = await addClient({
        name: values.name,
        redirectUris: (values['redirect-uri'] as string[] | undefined) ?? [],
        postLogoutRedirectUris: (values['post-logout-redirect-uri'] as string[] | undefined) ?? [],
        backChannelLogoutUri: (values['back-channel-logout-uri'] as string | undefined) ?? null,
        public: Boolean(values.public),
        requireSecondFactor: Boolean(values['require-second-factor']),
        thirdParty: Boolean(values['third-party']),
      });
      console.log(`Registered "${client.name}".`);
      console.log(`  client id:     ${client.id}`);
      if (secret) console.log(`  client secret: ${secret}\n  (shown once: keep it in the app's configuration; only its hash is stored)`);
      else console.log('  public client: no secret; it must use PKCE (S256)');
      console.log(`  discovery:     ${getConfig().appUrl}/.well-known/openid-configuration`);
      return;
    }
    if (action === 'list') {
      const all = await listClients();
      if (all.length === 0) console.log('No client is registered. Add one with: npm run accounts -- clients add --name … --redirect-uri …');
      for (const c of all) {
        const kind = c.secretHash ? 'confidential' : 'public';
        console.log(`${c.id}  ${c.name} (${kind}${c.thirdParty ? ', third party: consent asked' : ''}${c.requireSecondFactor ? ', second factor required' : ''})`);
        for (const uri of c.redirectUris) console.log(`    redirect: ${uri}`);
        if (c.backChannelLogoutUri) console.log(`    back-channel logout: ${c.backChannelLogoutUri}`);
      }
      return;
    }
    if (action === 'rotate-secret' && id) {
      console.log(`New secret (shown once; the old one no longer works): ${await rotateClientSecret(id)}`);
      return;
    }
    if (action === 'remove' && id) {
      const removed = await removeClient(id);
      console.log(`Removed "${removed.name}" (${removed.id}) and every token it was given.`);
      return;
    }
    if (action === 'rotate-keys') {
      const kid = await addSigningKey();
      console.log(`New signing key ${kid}: published now, signing in 10 minutes; the previous one stays published for a day.`);
      return;
    }
  } catch (error) {
    if (error instanceof ClientProblem) throw new Error(`Nothing was changed: ${error.message}.`);
    throw error;
  }
  throw new Error('Usage: npm run accounts -- clients add|list|rotate-secret ID|remove ID|rotate-keys (see help)');
}
