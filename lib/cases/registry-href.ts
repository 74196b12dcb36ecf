/** The registry's address with these filters: where a count links to exactly the cases it counts. */
export const registryHref = (filters: Record<string, string>) => `/cases?${new URLSearchParams(filters).toString()}`;
