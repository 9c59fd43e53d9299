import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { generatedHistory } from '../../test-support/generated-history';
import { InMemoryStatistics } from '../../test-support/in-memory-statistics';
import { nonZeroBuckets } from '../../test-support/non-zero-buckets';
import { PeriodCalendar } from '../domain/periods';
import { bucketsOfTables } from '../domain/statistic-tables';
import { StatisticTablesReader } from '../queries/statistic-tables.reader';
import { StatisticsFolder } from '../statistics.folder';
import { allTables, pack } from './packed-documents';
import { StatisticsStore } from './statistics.store';

// The statistics' store on the real FerretDB: batches folded through the feed's folder, flushed
// now and then, give the buckets the pure fold gives, and a flush cut in the middle is repaired
// from the ticket records.
const stack = useIsolatedStack();
const calendar = new PeriodCalendar('UTC');
const history = generatedHistory(30).inTimeOrder();
const expected = nonZeroBuckets(new InMemoryStatistics().fold(history).buckets);
let connection: Connection;

const storedBuckets = async (store: StatisticsStore) => nonZeroBuckets(bucketsOfTables(await allTables(store.tables)));

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName }).asPromise();
});

afterAll(() => connection?.close());

it('folds batches into the buckets the pure fold computes, a redelivery changing nothing', async () => {
  const store = new StatisticsStore(connection, 'folded');
  await store.prepare();
  // a small cache and flushes every few batches: records read back, tables changed in place
  const folder = new StatisticsFolder(store, calendar, 10, 8);
  for (let at = 0; at < history.length; at += 37) {
    await folder.fold(history.slice(at, at + 37));
    if (folder.mustFlush()) await folder.flush();
  }
  await folder.flush();
  await folder.foldAndFlush(history.slice(0, 60));
  expect(await storedBuckets(store)).toEqual(expected);
  // a process started again knows the records written: it reads them rather than start afresh
  const again = new StatisticsStore(connection, 'folded');
  await again.prepare();
  await new StatisticsFolder(again, calendar, 10).foldAndFlush(history.slice(100, 200));
  expect(await storedBuckets(again)).toEqual(expected);
});

it('sums the buckets again from the records after a flush cut in the middle', async () => {
  // Given a version folded whole, then a flush that stopped after its records (buckets wrong, mark left)
  const store = new StatisticsStore(connection, 'interrupted');
  await store.prepare();
  await new StatisticsFolder(store, calendar, 10).foldAndFlush(history);
  await store.tables.updateMany({ p: 'month' }, { $set: { z: pack([]) } });
  await store.versions.updateOne({ _id: 'interrupted' }, { $set: { flushing: true } });
  // When the next start looks
  expect(await store.recoverInterruptedFlush(calendar)).toBe(true);
  // Then the buckets are what the records say, and the mark is gone
  expect(await storedBuckets(store)).toEqual(expected);
  expect(await store.recoverInterruptedFlush(calendar)).toBe(false);
});

it('serves a replica the tables from its memory, reading again those a flush changed', async () => {
  // Given tables flushed, and a replica that read January's
  const store = new StatisticsStore(connection, 'cached');
  await store.prepare();
  const folder = new StatisticsFolder(store, calendar, 10);
  await folder.foldAndFlush(history.slice(0, 150));
  const reader = new StatisticTablesReader(connection, 0);
  const january = 'month|2026-01-01|all|0';
  const [read] = await (await reader.view('cached')).tables([january]);
  expect(read?.rows[0]).toMatchObject({ e: 'A', v: '*' });
  // When the document changes behind the flushes' back, the replica answers from its memory
  await store.tables.updateOne({ _id: january }, { $set: { z: pack([]) } });
  expect((await (await reader.view('cached')).tables([january]))[0]).toEqual(read);
  // Then a flush changing that table makes it read the table again
  await folder.foldAndFlush(history.slice(150));
  const [after] = await (await reader.view('cached')).tables([january]);
  const januaryOfAll = ([key]: [string, object]) => key.startsWith('month|2026-01-01|') && key.endsWith('|all|*');
  expect(nonZeroBuckets(bucketsOfTables([after!]))).toEqual(new Map([...expected].filter(januaryOfAll)));
});
