import { useIsolatedStack } from '@itsm/testing';
import { handleCommand, loadAggregate } from '../command-handling/handle-command';
import { counterDecider } from '../test-support/counter.decider';
import { kernelHarness, testMetadata, type KernelHarness } from '../test-support/kernel-harness';
import { PACKED_EVENTS_FROM_BYTES } from './commit-encoding';
import { VersionConflictError } from './version-conflict.error';

const stack = useIsolatedStack();
let kernel: KernelHarness;

beforeAll(async () => {
  kernel = await kernelHarness(stack, [
    // version 1 of counter.incremented carried `amount`; version 2 renamed it `by`
    { type: 'counter.incremented', fromVersion: 1, upcast: (data) => ({ by: (data as { amount: number }).amount }) },
  ]);
});
afterAll(() => kernel.close());

const increment = (by = 1) => ({ type: 'counter.incremented' as const, data: { by } });

describe('MongoDB event store', () => {
  it('gives 50 concurrent writers on one stream 50 gap-free sequences, none lost or doubled', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        handleCommand(kernel.store, counterDecider, 'counter-race', { type: 'increment', by: 1 }, testMetadata, {
          maxAttempts: 100,
        }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const events = await kernel.store.readStream('counter-race');
    expect(events.map((event) => event.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(events.map((event) => event.id)).size).toBe(50);
    expect((await loadAggregate(kernel.store, counterDecider, 'counter-race')).state.total).toBe(50);
    // one outbox entry per commit that landed: the losers of each race took theirs back
    const entries = (await kernel.store.pendingEntries(1000)).filter(
      (entry) => entry.commit.streamId === 'counter-race',
    );
    expect(entries.map((entry) => entry.commit.sequence).sort((a, b) => a - b)).toEqual(events.map((e) => e.sequence));
    // the relay's backlog, as the CLI's `lag` shows it: the entries, the oldest one's commit time
    const lag = await kernel.store.relayLag();
    expect(lag).toEqual({
      pending: (await kernel.store.pendingEntries(10_000)).length,
      parked: 0,
      oldestPendingAt: expect.any(Date),
    });
    expect(lag.oldestPendingAt!.getTime()).toBeGreaterThanOrEqual(started);
    expect(lag.oldestPendingAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('rejects an append at a stale version with a typed conflict, writing nothing', async () => {
    await kernel.store.append('counter-stale', 0, [increment(), increment()], testMetadata);
    await kernel.store.append('counter-stale', 2, [increment(3)], testMetadata); // a writer that loaded version 2
    const stale = kernel.store.append('counter-stale', 2, [increment(5), increment(6)], testMetadata); // another one
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    const entries = (await kernel.store.pendingEntries(1000)).filter(
      (entry) => entry.commit.streamId === 'counter-stale',
    );
    expect(entries.map((entry) => entry.commit.sequence)).toEqual([1, 3]);
    const events = await kernel.store.readStream('counter-stale');
    expect(events.map((event) => [event.sequence, event.data])).toEqual([
      [1, { by: 1 }],
      [2, { by: 1 }],
      [3, { by: 3 }],
    ]);
  });

  it('answers a conflict after the bounded number of attempts when the stream keeps moving', async () => {
    await kernel.store.append('counter-busy', 0, [increment()], testMetadata);
    const racingStore = Object.create(kernel.store) as typeof kernel.store;
    racingStore.append = async (streamId, version, events, metadata) => {
      await kernel.store.append(streamId, version, [increment()], metadata); // someone else wins each time
      return kernel.store.append(streamId, version, events, metadata);
    };
    const result = await handleCommand(
      racingStore,
      counterDecider,
      'counter-busy',
      { type: 'increment', by: 1 },
      testMetadata,
      {
        maxAttempts: 3,
      },
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) });
  });

  it('reads a stream from a given sequence and fills the envelope', async () => {
    await kernel.store.append('counter-read', 0, [increment(1), increment(2), increment(3)], {
      ...testMetadata,
      entityId: 'entity-7',
    });
    const events = await kernel.store.readStream('counter-read', 2);
    expect(events.map((event) => event.sequence)).toEqual([2, 3]);
    expect(events[0]).toEqual(
      expect.objectContaining({
        type: 'counter.incremented',
        schemaVersion: 2,
        streamId: 'counter-read',
        entityId: 'entity-7',
        actor: { kind: 'system', id: 'test' },
        correlationId: 'c',
        causationId: 'c',
      }),
    );
    expect(events[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('reads from any sequence across chunks and long commits', async () => {
    await kernel.store.append('counter-long', 0, [increment(1)], testMetadata);
    await kernel.store.append(
      'counter-long',
      1,
      Array.from({ length: 150 }, () => increment(1)),
      testMetadata,
    );
    await kernel.store.append('counter-long', 151, [increment(1), increment(1)], testMetadata);
    for (const from of [1, 2, 100, 152, 153, 154]) {
      const events = await kernel.store.readStream('counter-long', from);
      expect(events.map((event) => event.sequence)).toEqual(Array.from({ length: 154 - from }, (_, i) => from + i));
    }
  });

  it('stores a large commit with its events as one string, and reads it back as any other', async () => {
    const large = { type: 'counter.incremented' as const, data: { by: 1, note: 'x'.repeat(PACKED_EVENTS_FROM_BYTES) } };
    const [first] = await kernel.store.append('counter-large', 0, [large, increment(2)], testMetadata, {
      key: 'large-request',
      fingerprint: 'f',
    });
    const stored = await kernel.store.commits.findOne({ _id: first.id });
    expect(stored && 'packedEvents' in stored && typeof stored.packedEvents).toBe('string');
    expect(stored && 'events' in stored).toBe(false);
    const read = await kernel.store.readStream('counter-large');
    expect(read.map(({ sequence, data }) => [sequence, data])).toEqual([
      [1, large.data],
      [2, { by: 2 }],
    ]);
    expect(await kernel.store.readStream('counter-large', 2)).toEqual([read[1]]);
    expect((await kernel.store.requestCommit('large-request'))?.events).toEqual(read);
    const all = await kernel.store.readAll(undefined, 10_000);
    expect(all.find((commit) => commit._id === first.id)?.events).toEqual(read);
    // erasing personal data rewrites it in the same form
    await kernel.store.redactStream('counter-large', (event) => ({
      ...event,
      data: { ...(event.data as object), note: 'erased' },
    }));
    expect((await kernel.store.readStream('counter-large')).map(({ data }) => data)).toEqual([
      { by: 1, note: 'erased' },
      { by: 2, note: 'erased' },
    ]);
  });

  it('upcasts old event versions when reading', async () => {
    await kernel.store.commits.insertOne({
      _id: '00000000-0000-7000-8000-000000000001',
      streamId: 'counter-old',
      sequence: 1,
      lastSequence: 1,
      chunk: 0,
      published: true,
      events: [
        {
          id: '00000000-0000-7000-8000-000000000001',
          type: 'counter.incremented',
          schemaVersion: 1,
          streamId: 'counter-old',
          sequence: 1,
          entityId: 'root',
          occurredAt: '2026-01-01T00:00:00.000Z',
          actor: { kind: 'system', id: 'legacy' },
          correlationId: 'c',
          causationId: 'c',
          data: { amount: 4 },
        },
      ],
    });
    const [event] = await kernel.store.readStream('counter-old');
    expect(event).toEqual(expect.objectContaining({ schemaVersion: 2, data: { by: 4 } }));
    expect((await loadAggregate(kernel.store, counterDecider, 'counter-old')).state.total).toBe(4);
  });

  it('snapshots every N events, loads from the snapshot, and ignores a snapshot of another state version', async () => {
    for (let i = 0; i < 25; i++) {
      await handleCommand(kernel.store, counterDecider, 'counter-snap', { type: 'increment', by: 2 }, testMetadata, {
        snapshotEvery: 10,
      });
    }
    const snapshot = await kernel.store.loadSnapshot<{ total: number }>('counter-snap', counterDecider.stateVersion);
    expect(snapshot).toEqual(expect.objectContaining({ sequence: 20, state: { total: 40, closed: false } }));
    expect(await loadAggregate(kernel.store, counterDecider, 'counter-snap')).toEqual({
      state: { total: 50, closed: false },
      version: 25,
    });

    // a snapshot whose state no longer matches the decider's shape must not be used
    await kernel.store.saveSnapshot('counter-snap', 25, counterDecider.stateVersion + 1, { wrong: true });
    const newShape = { ...counterDecider, stateVersion: counterDecider.stateVersion + 1 };
    await kernel.store.saveSnapshot('counter-snap', 24, newShape.stateVersion, { total: -1, closed: false });
    expect((await loadAggregate(kernel.store, counterDecider, 'counter-snap')).state.total).toBe(50);
  });

  it('returns domain errors without writing', async () => {
    await handleCommand(kernel.store, counterDecider, 'counter-closed', { type: 'close' }, testMetadata);
    const result = await handleCommand(
      kernel.store,
      counterDecider,
      'counter-closed',
      { type: 'increment', by: 1 },
      testMetadata,
    );
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'illegal_transition' }) });
    expect(await kernel.store.readStream('counter-closed')).toHaveLength(1);
  });

  describe('a document the store refuses, among twelve good ones committed together', () => {
    // FerretDB refuses a NUL in a string as a whole write (after storing what came before it);
    // the driver refuses a NUL in a key before sending anything: neither names the document
    it.each([
      ['a NUL in a string', { note: 'bad\u0000note' }],
      ['a NUL in a key', { ['bad\u0000key']: 1 }],
    ])('%s fails its own append alone; the twelve others are stored and reported so', async (_, badData) => {
      const run = Math.random().toString(36).slice(2, 8);
      const streams = Array.from({ length: 13 }, (_, i) => `counter-batch-${run}-${i}`);
      const badStream = streams[7];
      // the first append goes out alone; the twelve others wait for it and go as one batch
      const outcomes = await Promise.all(
        streams.map((streamId) => {
          const event = streamId === badStream ? { type: 'counter.incremented', data: badData } : increment(1);
          return kernel.store.append(streamId, 0, [event as never], testMetadata).then(
            () => 'stored',
            (error: Error) => `refused: ${error.name}`,
          );
        }),
      );
      expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(12);
      expect(outcomes[7]).toMatch(/^refused/);
      for (const streamId of streams) {
        const events = await kernel.store.readStream(streamId);
        expect(events.map((event) => event.data)).toEqual(streamId === badStream ? [] : [{ by: 1 }]);
      }
      // an outbox entry for each commit stored, none left for the refused one
      const entries = (await kernel.store.pendingEntries(10_000)).map((entry) => entry.commit.streamId);
      expect(streams.filter((streamId) => entries.includes(streamId))).toEqual(
        streams.filter((streamId) => streamId !== badStream),
      );
    });
  });
});
