// Stands in for `server-only` under Vitest, which does not run in the react-server condition.
export {};
