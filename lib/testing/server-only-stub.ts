// Stands in for the "server-only" marker package under vitest, which runs only on the server anyway.
export {};
