/**
 * The one UTF-8 validation scan of the readers (byte lines, encoding sniffing): which bytes start a
 * well-formed sequence (RFC 3629, as `isUtf8` judges it) and which belong to none. Pure.
 */
import { isUtf8 } from "node:buffer";

/** What a scan found: multi-byte sequences, bytes in no valid sequence, and the first such (1-based, 0 if none). */
export interface Utf8Scan {
  sequences: number;
  invalid: number;
  firstInvalid: number;
}

/**
 * Length of the well-formed multi-byte sequence starting at `i` (2 to 4), or 0 when the byte there starts
 * none (a stray continuation byte, an overlong or surrogate form, a sequence cut by the end of the buffer).
 */
export function utf8SequenceAt(buf: Uint8Array, i: number): number {
  const b = buf[i] as number;
  if (b >= 0xc2 && b <= 0xdf) return isContinuation(buf, i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    // E0 needs A0–BF (no overlong form), ED needs 80–9F (no surrogate).
    const ok =
      b === 0xe0 ? isContinuation(buf, i + 1, 0xa0) : b === 0xed ? isContinuation(buf, i + 1, 0x80, 0x9f) : isContinuation(buf, i + 1);
    return ok && isContinuation(buf, i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    // F0 needs 90–BF (no overlong form), F4 needs 80–8F (nothing past U+10FFFF).
    const ok =
      b === 0xf0 ? isContinuation(buf, i + 1, 0x90) : b === 0xf4 ? isContinuation(buf, i + 1, 0x80, 0x8f) : isContinuation(buf, i + 1);
    return ok && isContinuation(buf, i + 2) && isContinuation(buf, i + 3) ? 4 : 0;
  }
  return 0;
}

/** True when the byte at `at` exists and lies in [lo, hi] (by default the continuation range 80–BF). */
function isContinuation(buf: Uint8Array, at: number, lo = 0x80, hi = 0xbf): boolean {
  if (at >= buf.length) return false;
  const c = buf[at] as number;
  return c >= lo && c <= hi;
}

/**
 * Scans a buffer; with `stopAtFirstInvalid`, stops at the first invalid byte (only `firstInvalid` is then
 * complete). A buffer that is valid as a whole (checked natively) only has its lead bytes counted.
 */
export function scanUtf8(buf: Uint8Array, stopAtFirstInvalid = false): Utf8Scan {
  const n = buf.length;
  let sequences = 0;
  if (isUtf8(buf)) {
    // In valid UTF-8, every byte from C0 up is the lead byte of one multi-byte sequence.
    for (let i = 0; i < n; i++) if ((buf[i] as number) >= 0xc0) sequences++;
    return { sequences, invalid: 0, firstInvalid: 0 };
  }
  let invalid = 0;
  let firstInvalid = 0;
  let i = 0;
  while (i < n) {
    if ((buf[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(buf, i);
    if (length > 0) {
      sequences++;
      i += length;
      continue;
    }
    invalid++;
    if (firstInvalid === 0) firstInvalid = i + 1;
    if (stopAtFirstInvalid) break;
    i++;
  }
  return { sequences, invalid, firstInvalid };
}
