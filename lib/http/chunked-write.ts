/** About what one network write carries well; the exact figure matters little. */
const CHUNK_BYTES = 64 * 1024;
/** The most bytes one UTF-16 code unit takes in UTF-8: a string of n units fits in 3n bytes. */
const MAX_UTF8_PER_UNIT = 3;

/** Where a writer sends its pieces: text, or bytes already encoded. */
export type PieceWrite = (piece: string | Uint8Array) => Promise<void>;

/**
 * Gathers the many small pieces a writer produces (a line or an event each) into chunks of about
 * 64 KB of UTF-8 before passing them on: one await, one hash update and one buffer per chunk
 * rather than per event. Each piece is encoded once, into the chunk's bytes, as it arrives;
 * gathering text first and encoding a chunk at the end took several times longer, and the
 * stream would have encoded it again. Backpressure still holds, a chunk at a time. `flush`
 * sends what is left.
 */
export function chunkedWrite(write: (chunk: Uint8Array) => Promise<void>): { write: PieceWrite; flush: () => Promise<void> } {
  let chunk = Buffer.alloc(CHUNK_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    // The chunk is handed on, not reused: the stream may still hold it.
    const full = chunk.subarray(0, used);
    chunk = Buffer.alloc(CHUNK_BYTES);
    used = 0;
    await write(full);
  };
  return {
    write: async (piece) => {
      const room = typeof piece === "string" ? piece.length * MAX_UTF8_PER_UNIT : piece.byteLength;
      if (room > CHUNK_BYTES - used) {
        await flush();
        if (room > CHUNK_BYTES) {
          await write(typeof piece === "string" ? Buffer.from(piece, "utf8") : piece);
          return;
        }
      }
      if (typeof piece === "string") used += chunk.write(piece, used, "utf8");
      else {
        chunk.set(piece, used);
        used += piece.byteLength;
      }
      if (used === CHUNK_BYTES) await flush();
    },
    flush,
  };
}
