import { useIsolatedStack } from '@itsm/testing';
import mongoose from 'mongoose';
import { RESULT_CODES } from './domain/result-codes';
import { LineResults, lineResultId, type LineResult } from './line-results';

// The report's lines and their runs' tallies, on the real store.
const stack = useIsolatedStack();
let results: LineResults;

beforeAll(async () => {
  const connection = mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName });
  stack.onTeardown(() => connection.close());
  results = new LineResults(connection);
});

const success = (runId: string, line: number): LineResult => ({
  _id: lineResultId(runId, line),
  runId,
  line,
  status: 'success',
  code: RESULT_CODES.success,
  action: 'create',
  itemId: `item-${line}`,
  field: null,
  message: 'created',
  dryRun: false,
});
const lines = (runId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, at) => success(runId, from + at));

it('tallies every line of a run whose first answers come in batches at once (the first additions race)', async () => {
  const runs = Array.from({ length: 8 }, (_, at) => `run-raced-${at}`);
  await Promise.all(
    runs.flatMap((runId) => [results.record(lines(runId, 2, 50)), results.record(lines(runId, 52, 50))]),
  );
  for (const runId of runs) expect(await results.tallied(runId)).toEqual({ success: 100, warning: 0, failed: 0 });
});

it('keeps a line’s first result and tallies it once when it is recorded again', async () => {
  await results.record(lines('run-again', 2, 3));
  await results.record([
    { ...success('run-again', 3), status: 'failed', message: 'later' },
    ...lines('run-again', 5, 1),
  ]);
  expect(await results.tallied('run-again')).toEqual({ success: 4, warning: 0, failed: 0 });
  expect(await results.counts('run-again')).toEqual({ success: 4, warning: 0, failed: 0 });
});
