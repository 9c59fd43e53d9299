export interface ImportsSettings {
  /** the largest file a run accepts (IMPORT_MAX_FILE_BYTES, default 1 GiB) */
  maxFileBytes: number;
  /** lines read, checked and sent together (IMPORT_BATCH_LINES, default 500) */
  batchLines: number;
  /** lines sent to the owner and not answered yet, at most (IMPORT_LINES_IN_FLIGHT, default 5000) */
  linesInFlight: number;
  /** how long a worker's lock on a run lasts unless renewed (IMPORT_WORKER_LOCK_MS, default 30 s) */
  workerLockMs: number;
  /** how often workers look for runs whose worker died (IMPORT_STALLED_CHECK_MS, default 30 s) */
  stalledCheckMs: number;
  /** how often one replica puts back the runs that lost their job (IMPORT_RECONCILE_INTERVAL_MS, default 60 s) */
  reconcileEveryMs: number;
}

export const IMPORTS_SETTINGS = Symbol('IMPORTS_SETTINGS');

/** A whole number of at least `min`, or the default; fails at start when wrong. */
function wholeNumber(raw: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const value = Number(raw[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Invalid environment for imports: ${name} must be a whole number, ${min} or more`);
  }
  return value;
}

export function loadImportsSettings(raw: Record<string, string | undefined>): ImportsSettings {
  return {
    maxFileBytes: wholeNumber(raw, 'IMPORT_MAX_FILE_BYTES', 1024 ** 3, 1024),
    batchLines: wholeNumber(raw, 'IMPORT_BATCH_LINES', 500, 1),
    linesInFlight: wholeNumber(raw, 'IMPORT_LINES_IN_FLIGHT', 5000, 1),
    workerLockMs: wholeNumber(raw, 'IMPORT_WORKER_LOCK_MS', 30_000, 1000),
    stalledCheckMs: wholeNumber(raw, 'IMPORT_STALLED_CHECK_MS', 30_000, 500),
    reconcileEveryMs: wholeNumber(raw, 'IMPORT_RECONCILE_INTERVAL_MS', 60_000, 1000),
  };
}
