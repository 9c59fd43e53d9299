import { loadImportsSettings } from './imports.env';

describe('the imports settings', () => {
  it('default to a 1 GiB file, batches of 500, 5,000 lines in flight, a 30 s lock and a minute between reconciliations', () => {
    expect(loadImportsSettings({})).toEqual({
      maxFileBytes: 1024 ** 3,
      batchLines: 500,
      linesInFlight: 5000,
      workerLockMs: 30_000,
      stalledCheckMs: 30_000,
      reconcileEveryMs: 60_000,
    });
  });

  it('take short locks for the tests that kill a worker', () => {
    expect(loadImportsSettings({ IMPORT_WORKER_LOCK_MS: '3000', IMPORT_STALLED_CHECK_MS: '1000' })).toMatchObject({
      workerLockMs: 3000,
      stalledCheckMs: 1000,
    });
  });

  it('refuse at start what is not a whole number in range, naming the variable', () => {
    expect(() => loadImportsSettings({ IMPORT_BATCH_LINES: '0' })).toThrow(
      /IMPORT_BATCH_LINES must be a whole number, 1 or more/,
    );
    expect(() => loadImportsSettings({ IMPORT_WORKER_LOCK_MS: '1.5' })).toThrow(/IMPORT_WORKER_LOCK_MS/);
    expect(() => loadImportsSettings({ IMPORT_MAX_FILE_BYTES: '12' })).toThrow(/IMPORT_MAX_FILE_BYTES/);
  });
});
