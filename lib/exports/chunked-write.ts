import type { ExportWrite } from "./export-history";

/** About what one network write carries well; the exact figure matters little. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Gathers the many small pieces a writer produces (a line or an event each) into chunks of about
 * 64 KB before passing them on: one await, one hash update and one buffer per chunk rather than
 * per event. Backpressure still holds, a chunk at a time. `flush` sends what is left.
 */
export function chunkedWrite(write: ExportWrite): { write: ExportWrite; flush: () => Promise<void> } {
  let pending = "";
  const flush = async () => {
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    await write(chunk);
  };
  return {
    write: async (chunk) => {
      if (typeof chunk !== "string") {
        await flush();
        await write(chunk);
        return;
      }
      pending += chunk;
      if (pending.length >= CHUNK_CHARS) await flush();
    },
    flush,
  };
}
