/** Types of server/hooks.mjs, for the application's TypeScript (allowJs is off). */
export type BodyLimit = { maxBytes: number; page: string };

/** server.mjs says it started this process. */
export function markStartedByServer(): void;
/** Whether server.mjs started this process. */
export function startedByServer(): boolean;
/** The application hands server.mjs its half of a graceful stop. */
export function offerShutdown(shutDown: () => Promise<void>): void;
/** What the application handed over, once it has started. */
export function offeredShutdown(): (() => Promise<void>) | undefined;
/** The application hands server.mjs the body limit and its 413 page. */
export function offerBodyLimit(limit: BodyLimit): void;
/** What the application handed over, once it has started. */
export function offeredBodyLimit(): BodyLimit | undefined;
