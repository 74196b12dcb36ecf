/**
 * The bytes of one line being made, in a buffer kept between lines and grown when a line needs
 * more: a line is gathered without a string or a buffer per cell, then copied out once.
 */
export class LineBytes {
  private static current: LineBytes | null = null;
  /** What the scratch starts at, and goes back to after a longer line: a rare huge value is not held for good. */
  private static readonly SIZE = 4096;

  /**
   * A new line in the process's one scratch buffer: lines are made whole, one at a time, with no
   * await between. Emptied here too, so a line left unfinished by an error leaves nothing behind.
   */
  static begin(): LineBytes {
    LineBytes.current ??= new LineBytes(LineBytes.SIZE);
    LineBytes.current.at = 0;
    return LineBytes.current;
  }

  buffer: Buffer;
  /** Where the next byte goes. */
  at = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Room for `count` more bytes from `at`. */
  reserve(count: number): void {
    if (this.at + count <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + count));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.at++] = value;
  }

  text(value: string): void {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    this.reserve(value.length * 3);
    this.at += this.buffer.write(value, this.at, "utf8");
  }

  /** The line's bytes, copied out; the scratch is empty again. */
  take(): Buffer {
    const line = Buffer.allocUnsafe(this.at);
    this.buffer.copy(line, 0, 0, this.at);
    this.at = 0;
    if (this.buffer.length > LineBytes.SIZE * 16) this.buffer = Buffer.allocUnsafe(LineBytes.SIZE);
    return line;
  }
}

/**
 * The characters as a table of their bytes. All are ASCII, and in UTF-8 an ASCII byte only ever
 * stands for itself, so a cell's bytes can be checked without decoding them.
 */
export function byteTable(characters: readonly string[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const character of characters) table[character.charCodeAt(0)] = 1;
  return table;
}
