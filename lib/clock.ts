/**
 * The current time, as the domain sees it. Tests move it forward to check expiry and throttle
 * timings without waiting; production never touches the offset.
 */
let offsetMs = 0;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function advanceClock(ms: number): void {
  offsetMs += ms;
}

export function resetClock(): void {
  offsetMs = 0;
}
