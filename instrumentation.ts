/** Runs once when the server starts, before the first request (see lib/startup.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startUp } = await import('@/lib/startup');
    await startUp();
  }
}
