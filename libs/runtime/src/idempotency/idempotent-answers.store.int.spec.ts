import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { ANSWERS_KEPT_MS, IdempotentAnswers } from './idempotent-answers.store';

const stack = useIsolatedStack();
let connection: Connection;
let answers: IdempotentAnswers;

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName }).asPromise();
  answers = new IdempotentAnswers(connection);
});
afterAll(() => connection.close());

describe('the answers to keyed requests', () => {
  it('keep the first answer recorded for a key', async () => {
    await answers.record({ _id: 'k1', fingerprint: 'f', body: '{"ticketId":"a"}' });
    await answers.record({ _id: 'k1', fingerprint: 'f', body: '{"ticketId":"b"}' });
    expect(await answers.find('k1')).toMatchObject({ fingerprint: 'f', body: '{"ticketId":"a"}' });
  });

  it('forget an answer after 24 hours, and drop it at the next recording', async () => {
    const stale = new Date(Date.now() - ANSWERS_KEPT_MS - 60_000);
    await connection
      .collection('idempotent_answers')
      .insertOne({ _id: 'old' as never, fingerprint: 'f', body: '', recordedAt: stale });
    expect(await answers.find('old')).toBeNull();
    await new IdempotentAnswers(connection).record({ _id: 'k2', fingerprint: 'f', body: '' });
    expect(await connection.collection('idempotent_answers').countDocuments({ _id: 'old' as never })).toBe(0);
  });
});
