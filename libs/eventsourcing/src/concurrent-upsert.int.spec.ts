import { useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Collection } from 'mongodb';
import { concurrentUpsert } from './concurrent-upsert';

// FerretDB 1.24 refuses the second of two upserts inserting one new key at once (E11000), where
// MongoDB retries it: with the helper every writer's upsert lands.
const stack = useIsolatedStack();
const KEYS = 40;
const WRITERS = 3;

let mongo: MongoClient;
let marks: Collection<{ _id: string; writer: number }>;

beforeAll(async () => {
  mongo = await MongoClient.connect(stack.mongoUrl);
  marks = mongo.db(stack.dbName).collection('marks');
});
afterAll(() => mongo.close());

it('lands every concurrent upsert of the same new keys', async () => {
  const keys = Array.from({ length: KEYS }, (_, i) => `stream-${i}`);
  const upserts = keys.flatMap((_id) =>
    Array.from({ length: WRITERS }, (_, writer) =>
      concurrentUpsert(() => marks.updateOne({ _id }, { $set: { writer } }, { upsert: true })),
    ),
  );
  const refused = (await Promise.allSettled(upserts)).flatMap((outcome) =>
    outcome.status === 'rejected' ? [String(outcome.reason)] : [],
  );
  expect(refused).toEqual([]);
  const written = await marks.find().sort({ _id: 1 }).toArray();
  expect(written.map(({ _id }) => _id)).toEqual([...keys].sort());
  expect(written.every(({ writer }) => writer >= 0 && writer < WRITERS)).toBe(true);
});
