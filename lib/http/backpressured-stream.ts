/**
 * A byte stream fed by a producer that waits whenever the reader is behind, so a large export
 * never piles up in memory: the producer runs only as fast as the client downloads. A producer
 * error ends the stream with that error; a reader that goes away stops the producer at its
 * next write.
 */
export function backpressuredStream(
  produce: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>,
  highWaterMark = 256 * 1024,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let wake: (() => void) | null = null;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = async (chunk: string | Uint8Array) => {
          if (cancelled) throw new StreamCancelled();
          controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
          while (!cancelled && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (wake = resolve));
          if (cancelled) throw new StreamCancelled();
        };
        produce(write).then(
          () => !cancelled && controller.close(),
          (error: unknown) => !cancelled && !(error instanceof StreamCancelled) && controller.error(error),
        );
      },
      pull() {
        wake?.();
        wake = null;
      },
      cancel() {
        cancelled = true;
        wake?.();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark }),
  );
}

/** Thrown into the producer when the reader has gone away, to end its work early. */
export class StreamCancelled extends Error {
  constructor() {
    super("the reader cancelled the stream");
  }
}
