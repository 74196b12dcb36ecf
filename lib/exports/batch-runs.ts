/**
 * The rows of one pass over a batch of cases, ordered by their case's place `n` in the batch, and
 * handed out per case: `of(i)` gives the rows of the i-th case in runs, one run per page they
 * fall on. Rows of cases not asked for are passed over. Rows already passed are gone, so a case
 * must be asked for in order and once: otherwise it throws rather than silently lose its rows.
 */
export function batchRuns<Row extends { n: number }>(pages: AsyncGenerator<Row[]>) {
  let page: Row[] = [];
  let at = 0;
  let ended = false;
  let lastAsked = -1;
  /** The first row not yet handed out, reading the next page when this one is spent. */
  const current = async (): Promise<Row | undefined> => {
    while (at >= page.length && !ended) {
      const next = await pages.next();
      if (next.done) ended = true;
      else [page, at] = [next.value, 0];
    }
    return page[at];
  };
  return {
    async *of(index: number): AsyncGenerator<Row[]> {
      if (index <= lastAsked) throw new Error(`the rows of case ${index} of the batch were asked for after case ${lastAsked}`);
      lastAsked = index;
      for (let row = await current(); row && row.n <= index; row = await current()) {
        const from = at;
        while (at < page.length && page[at]!.n === row.n) at++;
        if (row.n === index) yield page.slice(from, at);
      }
    },
    close: async () => {
      await pages.return(undefined);
    },
  };
}
