'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False while the server renders and the page hydrates, true once scripts run: controls that
 * need JavaScript (show password, copy) render only then, so a page without scripts never shows
 * a dead button.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
