/**
 * A value read from the database that queries may use a little old: once read, it is given at
 * once, and read again in the background when older than `freshMs` (a query never waits for that
 * read, which a loaded FerretDB may take long to answer). `freshMs` 0: read at every call.
 */
export class FreshValue<T> {
  private known?: { readAt: number; value: T };
  private reading?: Promise<T>;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly freshMs: number,
  ) {}

  async get(): Promise<T> {
    if (!this.known || this.freshMs === 0) return this.readNow();
    if (performance.now() - this.known.readAt >= this.freshMs) void this.readNow().catch(() => undefined);
    return this.known.value;
  }

  private readNow(): Promise<T> {
    if (this.reading) return this.reading;
    const readAt = performance.now();
    this.reading = this.read()
      .then((value) => {
        this.known = { readAt, value };
        return value;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}
