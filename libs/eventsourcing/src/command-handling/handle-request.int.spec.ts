import { DomainError } from '@itsm/domain';
import { upcasterRegistry } from '@itsm/contracts';
import { useIsolatedStack } from '@itsm/testing';
import { MongoEventStore } from '../event-store/event-store';
import { counterDecider, type CounterCommand } from '../test-support/counter.decider';
import { kernelHarness, testMetadata, type KernelHarness } from '../test-support/kernel-harness';
import { handleCommand, handleRequest } from './handle-command';
import { RecentAggregates } from './recent-aggregates';
import { commitOf } from '../event-store/commit-encoding';

const stack = useIsolatedStack();
let kernel: KernelHarness;

beforeAll(async () => {
  kernel = await kernelHarness(stack);
});
afterAll(() => kernel.close());

const increment = (by: number): CounterCommand => ({ type: 'increment', by });
const commitsOf = async (streamId: string) => (await kernel.store.commits.find({ streamId }).toArray()).map(commitOf);

describe('a request decided on the state it finds', () => {
  it('decides its commands in turn, each on the state the previous left, and appends them as one commit', async () => {
    const result = await handleRequest(kernel.store, counterDecider, 'counter-turns', (state) => ({
      commands: [increment(state.total + 2), { type: 'close' }],
      metadata: testMetadata,
    }));
    expect(result).toMatchObject({ ok: true, version: 2, state: { total: 2, closed: true } });
    const commits = await commitsOf('counter-turns');
    expect(commits.map((commit) => commit.events.map((event) => event.type))).toEqual([
      ['counter.incremented', 'counter.closed'],
    ]);
  });

  it('writes nothing when a later command of the request is refused', async () => {
    const result = await handleRequest(kernel.store, counterDecider, 'counter-refused', () => ({
      commands: [increment(1), { type: 'close' }, increment(1)],
      metadata: testMetadata,
    }));
    expect(result).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    expect(await commitsOf('counter-refused')).toEqual([]);
  });
});

describe('the states a writer remembers', () => {
  it('load with one read of what was appended since, other writers included, and no snapshot read', async () => {
    const recent = new RecentAggregates();
    await handleCommand(kernel.store, counterDecider, 'counter-recent', increment(1), testMetadata, { recent });
    // another replica writes twice meanwhile
    await handleCommand(kernel.store, counterDecider, 'counter-recent', increment(2), testMetadata);
    await handleCommand(kernel.store, counterDecider, 'counter-recent', increment(3), testMetadata);
    const watched = Object.create(kernel.store) as typeof kernel.store;
    const snapshots = jest.spyOn(watched, 'loadSnapshot');
    const reads = jest.spyOn(kernel.store.commits, 'find');
    try {
      const result = await handleCommand(watched, counterDecider, 'counter-recent', increment(4), testMetadata, {
        recent,
      });
      expect(result).toMatchObject({ ok: true, version: 4, state: { total: 10 } });
      expect(snapshots).not.toHaveBeenCalled();
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
    expect(recent.get('counter-recent')).toEqual({ state: { total: 10, closed: false }, version: 4 });
  });

  it('follow the stream across chunks when others appended past the chunk the state ends in', async () => {
    const recent = new RecentAggregates();
    await handleCommand(kernel.store, counterDecider, 'counter-far', increment(1), testMetadata, { recent });
    // 150 events by another writer: past the first chunk (100 sequences), in commits of 10
    for (let version = 1; version < 151; version += 10) {
      await kernel.store.append(
        'counter-far',
        version,
        Array.from({ length: 10 }, () => ({ type: 'counter.incremented' as const, data: { by: 1 } })),
        testMetadata,
      );
    }
    const result = await handleCommand(kernel.store, counterDecider, 'counter-far', increment(1), testMetadata, {
      recent,
    });
    expect(result).toMatchObject({ ok: true, version: 152, state: { total: 152 } });
  });

  it('are trusted as they are: a stream only this writer wrote costs its command no read', async () => {
    const recent = new RecentAggregates();
    await handleCommand(kernel.store, counterDecider, 'counter-mine', increment(1), testMetadata, { recent });
    const reads = jest.spyOn(kernel.store.commits, 'find');
    try {
      const result = await handleCommand(kernel.store, counterDecider, 'counter-mine', increment(2), testMetadata, {
        recent,
      });
      expect(result).toMatchObject({ ok: true, version: 2, state: { total: 3 } });
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('never answer a refusal: a request refused on a remembered state is asked again on the store', async () => {
    const recent = new RecentAggregates();
    await handleCommand(kernel.store, counterDecider, 'counter-stale', increment(1), testMetadata, { recent });
    await handleCommand(kernel.store, counterDecider, 'counter-stale', increment(10), testMetadata); // another replica
    const seen: number[] = [];
    const result = await handleRequest(
      kernel.store,
      counterDecider,
      'counter-stale',
      (state) => {
        seen.push(state.total);
        if (state.total < 5) throw new DomainError('forbidden', 'only past 5');
        return { commands: [increment(1)], metadata: testMetadata };
      },
      { recent },
    );
    expect(seen).toEqual([1, 11]);
    expect(result).toMatchObject({ ok: true, version: 3, state: { total: 12 } });
  });

  it('never answer "nothing to do" on a remembered state: it is decided again on the store', async () => {
    const recent = new RecentAggregates();
    await handleCommand(kernel.store, counterDecider, 'counter-noop', increment(1), testMetadata, { recent });
    await handleCommand(kernel.store, counterDecider, 'counter-noop', increment(1), testMetadata); // another replica
    // a request that asks nothing once the total is even: odd as remembered (1), even in the store (2)
    const seen: number[] = [];
    const result = await handleRequest(
      kernel.store,
      counterDecider,
      'counter-noop',
      (state) => {
        seen.push(state.total);
        return { commands: state.total % 2 === 1 ? [] : [increment(1)], metadata: testMetadata };
      },
      { recent },
    );
    expect(seen).toEqual([1, 2]);
    expect(result).toMatchObject({ ok: true, version: 3, state: { total: 3 } });
  });
});

describe('snapshots', () => {
  it('are best effort: a snapshot the store refuses after a good append leaves the command a success', async () => {
    // a store whose snapshots the database refuses, every time (an invalid collection name)
    const store = new MongoEventStore(kernel.connection, {
      upcasters: upcasterRegistry([]),
      snapshotsCollection: 'snapshots$refused',
    });
    await expect(store.saveSnapshot('counter-snap', 1, 1, { total: 1 })).rejects.toThrow(/invalid collection name/i);
    const recent = new RecentAggregates();
    const options = { snapshotEvery: 1, newStream: true, recent };
    const first = await handleCommand(store, counterDecider, 'counter-snap', increment(1), testMetadata, options);
    const second = await handleCommand(store, counterDecider, 'counter-snap', increment(2), testMetadata, { recent });
    expect(first).toMatchObject({ ok: true, version: 1, state: { total: 1 } });
    expect(second).toMatchObject({ ok: true, version: 2, state: { total: 3 } });
    expect((await store.readStream('counter-snap')).map((event) => event.data)).toEqual([{ by: 1 }, { by: 2 }]);
  });
});

describe('a request that may come again (an Idempotency-Key)', () => {
  const request = (key: string, fingerprint = 'f1') => ({ key, fingerprint });

  it('is written once: its retries decide nothing again and get the stream as it stands', async () => {
    const first = await handleCommand(kernel.store, counterDecider, 'counter-keyed', { type: 'close' }, testMetadata, {
      request: request('k-close'),
    });
    expect(first).toMatchObject({ ok: true, version: 1, committed: { version: 1 } });
    // on the state the first left, deciding again would be refused (the counter is closed)
    const retry = await handleCommand(kernel.store, counterDecider, 'counter-keyed', { type: 'close' }, testMetadata, {
      request: request('k-close'),
    });
    const committed = first.ok ? first.committed : undefined;
    expect(retry).toEqual({
      ok: true,
      replayed: true,
      events: [],
      version: 1,
      state: { total: 0, closed: true },
      committed,
    });
    expect(await commitsOf('counter-keyed')).toHaveLength(1);
  });

  it('is refused (422) when its key comes again with another request, writing nothing', async () => {
    await handleCommand(kernel.store, counterDecider, 'counter-reused', increment(1), testMetadata, {
      request: request('k-reused', 'asked once'),
    });
    const other = await handleCommand(kernel.store, counterDecider, 'counter-reused', increment(5), testMetadata, {
      request: request('k-reused', 'asked otherwise'),
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'rule', errors: [{ field: 'Idempotency-Key' }] } });
    expect(await commitsOf('counter-reused')).toHaveLength(1);
  });

  it('is written once when its retries run at the same time, each answered as the first', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        handleCommand(kernel.store, counterDecider, 'counter-concurrent', increment(2), testMetadata, {
          request: request('k-concurrent'),
        }),
      ),
    );
    expect(results.map((result) => result.ok && result.state.total)).toEqual([2, 2, 2, 2, 2]);
    expect(results.filter((result) => result.ok && !result.replayed)).toHaveLength(1);
    const commits = await commitsOf('counter-concurrent');
    expect(commits.map((commit) => [commit.requestKey, commit.requestFingerprint])).toEqual([['k-concurrent', 'f1']]);
  });

  describe('thought new (a Kafka command whose answer was not found), its key not looked up first', () => {
    const likelyNew = (key: string) => ({ key, fingerprint: 'f1', likelyNew: true });

    it('is written once: a retry the store refuses is answered with the stream as it stands and the first commit', async () => {
      const keyed = () =>
        handleCommand(kernel.store, counterDecider, 'counter-new', increment(3), testMetadata, {
          request: likelyNew('k-new-increment'),
        });
      const first = await keyed();
      await handleCommand(kernel.store, counterDecider, 'counter-new', increment(1), testMetadata);
      const retry = await keyed();
      // what the first wrote, so that the command is answered alike (see KafkaCommandServer)
      const committed = first.ok ? first.committed : undefined;
      expect(committed).toEqual({ version: 1, occurredAt: expect.any(String) });
      expect(retry).toMatchObject({ ok: true, replayed: true, version: 2, state: { total: 4 }, committed });
      expect(await commitsOf('counter-new')).toHaveLength(2);
    });

    it('is answered as written when its retry would be refused on the state that moved on', async () => {
      const options = { request: likelyNew('k-new-close') };
      await handleCommand(kernel.store, counterDecider, 'counter-new-close', { type: 'close' }, testMetadata, options);
      const retry = await handleCommand(
        kernel.store,
        counterDecider,
        'counter-new-close',
        { type: 'close' },
        testMetadata,
        options,
      );
      expect(retry).toMatchObject({ ok: true, replayed: true, version: 1, state: { closed: true } });
    });
  });
});
