/**
 * A value held once per process, under a name on `globalThis` rather than in a module's own
 * state: Next.js evaluates a module again on a hot reload in development, and a database handle or
 * a thread pool must never be opened twice. Names start with `__sesame`; tests may read one by it.
 */
export type ProcessSlot<T> = { value: T | undefined };

export function processSlot<T>(globalName: `__sesame${string}`): ProcessSlot<T> {
  const store = globalThis as unknown as Record<string, T | undefined>;
  return {
    get value() {
      return store[globalName];
    },
    set value(next) {
      store[globalName] = next;
    },
  };
}
