/** What a start-up task that may meet its dependencies still starting needs. */
export interface KeepTryingOptions {
  /** names the task in the warning of each failed attempt */
  what: string;
  /** true once the service stops: no further attempt */
  stopped(): boolean;
  warn(message: string): void;
}

/**
 * Runs `task` until it succeeds or the service stops, with a growing pause between attempts (2 s,
 * 4 s… up to 30 s): FerretDB or Redis may still be starting, or be away for a while.
 */
export async function keepTrying(task: () => Promise<unknown>, options: KeepTryingOptions): Promise<void> {
  for (let attempt = 1; !options.stopped(); attempt++) {
    try {
      await task();
      return;
    } catch (error) {
      options.warn(`${options.what} failed (attempt ${attempt}): ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
    }
  }
}
