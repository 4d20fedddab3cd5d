/** What a worker thread posts (or its failure), taken one message at a time and in order by async code. */
export class MessageQueue<T> {
  private ready: (T | Error)[] = [];
  private waiting: ((value: T | Error) => void) | null = null;

  /** Adds a message, or the error that ends the stream. */
  push(value: T | Error): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(value);
    } else this.ready.push(value);
  }

  /** The next message, waiting for it if needed; throws the error pushed in its place. */
  async take(): Promise<T> {
    const value =
      this.ready.length > 0 ? (this.ready.shift() as T | Error) : await new Promise<T | Error>((resolve) => (this.waiting = resolve));
    if (value instanceof Error) throw value;
    return value;
  }
}
