/**
 * Random bytes for ticket numbers, handed out from one large `crypto.randomBytes` buffer that is
 * replaced whole when spent: one call into the CSPRNG per 64 KiB instead of one per report. Each
 * byte is handed out once; a refill allocates a new buffer, so earlier slices are never overwritten.
 */
import { randomBytes } from "node:crypto";

/** A pool of cryptographically random bytes. */
export class RandomPool {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly chunk = 64 * 1024,
    private readonly source: (size: number) => Buffer = randomBytes,
  ) {}

  /** `n` fresh random bytes (a slice of the pool; larger requests than a chunk go to the source directly). */
  take(n: number): Buffer {
    if (n > this.chunk) return this.source(n);
    if (this.offset + n > this.buffer.length) {
      // The few bytes left over are dropped, never handed out later.
      this.buffer = this.source(this.chunk);
      this.offset = 0;
    }
    const bytes = this.buffer.subarray(this.offset, this.offset + n);
    this.offset += n;
    return bytes;
  }
}
