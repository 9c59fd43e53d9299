/**
 * Lets many applies run at once (one per Kafka partition) while a rebuild's swap runs alone:
 * `exclusive` waits for the applies in flight, and holds new ones until it is done.
 */
export class ApplyGate {
  private inFlight = 0;
  private drained?: () => void;
  private paused?: Promise<void>;

  async shared<T>(task: () => Promise<T>): Promise<T> {
    while (this.paused) await this.paused;
    this.inFlight++;
    try {
      return await task();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    while (this.paused) await this.paused;
    let release = () => {};
    this.paused = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return await task();
    } finally {
      this.drained = undefined;
      this.paused = undefined;
      release();
    }
  }
}
