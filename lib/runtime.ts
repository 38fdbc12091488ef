import { startedByServer } from '@/server/hooks.mjs';

/**
 * Whether this process was started by server.mjs (`npm start`). Only then is the peer-address
 * header ours (lib/http/request-info.ts), and only then does server.mjs, not Sésame, decide how
 * the process stops (lib/shutdown.ts).
 */
export function behindSesameServer(): boolean {
  return startedByServer();
}
