import { describe, expect, it } from "vitest";
import { batchRuns } from "./batch-runs";

type Row = { n: number; seq: number };

async function* pagesOf(pages: Row[][], closed: { value: boolean }): AsyncGenerator<Row[]> {
  try {
    for (const page of pages) yield page;
  } finally {
    closed.value = true;
  }
}

async function collect(runs: AsyncIterable<Row[]>): Promise<Row[][]> {
  const out: Row[][] = [];
  for await (const run of runs) out.push(run);
  return out;
}

const rows = (n: number, from: number, to: number): Row[] => Array.from({ length: to - from + 1 }, (_, i) => ({ n, seq: from + i }));

describe("batchRuns", () => {
  it("gives each case its rows in order, a run per page, across page breaks", async () => {
    const closed = { value: false };
    const runs = batchRuns(pagesOf([[...rows(0, 1, 3), ...rows(1, 1, 2)], rows(1, 3, 5), [...rows(1, 6, 6), ...rows(2, 1, 1)]], closed));
    expect(await collect(runs.of(0))).toEqual([rows(0, 1, 3)]);
    expect(await collect(runs.of(1))).toEqual([rows(1, 1, 2), rows(1, 3, 5), rows(1, 6, 6)]);
    expect(await collect(runs.of(2))).toEqual([rows(2, 1, 1)]);
    expect(await collect(runs.of(3))).toEqual([]);
    await runs.close();
    expect(closed.value).toBe(true);
  });

  it("passes over the rows of a case not asked for, and gives a case with no rows none", async () => {
    const runs = batchRuns(pagesOf([[...rows(0, 1, 2), ...rows(2, 1, 2)], rows(3, 1, 1)], { value: false }));
    expect(await collect(runs.of(1))).toEqual([]);
    expect(await collect(runs.of(3))).toEqual([rows(3, 1, 1)]);
  });

  it("refuses a case asked for again or out of order, rather than give it nothing", async () => {
    const runs = batchRuns(pagesOf([[...rows(0, 1, 1), ...rows(1, 1, 1)]], { value: false }));
    await collect(runs.of(1));
    await expect(collect(runs.of(0))).rejects.toThrow(/asked for after case 1/);
    await expect(collect(runs.of(1))).rejects.toThrow(/asked for after case 1/);
  });

  it("closes the pages when stopped before the end", async () => {
    const closed = { value: false };
    const runs = batchRuns(pagesOf([rows(0, 1, 2), rows(0, 3, 4), rows(1, 1, 1)], closed));
    for await (const run of runs.of(0)) {
      expect(run).toEqual(rows(0, 1, 2));
      break;
    }
    await runs.close();
    expect(closed.value).toBe(true);
  });
});
