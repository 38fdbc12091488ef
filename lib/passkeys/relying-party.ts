import { getConfig } from '@/lib/config';

/**
 * The relying party is this site as APP_URL names it: its host is the RP ID passkeys are bound
 * to, and its origin the only one an answer may come from. Browsers refuse WebAuthn on an IP
 * address, so a deployment needs a host name (localhost works for development).
 */
export function relyingParty() {
  const { appUrl, orgName } = getConfig();
  const url = new URL(appUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: orgName };
}
