import type { ProjectionRegistry } from '../event-sourcing/projection-registry';
import { ReadModelRows, type RowSource } from './read-model-rows';
import { RowIndex } from './row-index';

interface Row {
  key: string;
  sequence: number;
}
type Doc = { _id: string; _sequence: number };

class Rows extends RowIndex<Row> {
  protected keyOf(row: Row): string {
    return row.key;
  }
}

const SOURCE: RowSource<Row> = {
  projection: { name: 'things', handles: new Set(['thing.changed', 'thing.purged']) },
  fields: { _id: 1, _sequence: 1 },
  rowOf: (doc) => ({ key: String(doc._id).slice('thing-'.length), sequence: doc._sequence as number }),
  keyOfStream: (streamId) => streamId.slice('thing-'.length),
  streamOf: (key) => `thing-${key}`,
  endedBy: new Set(['thing.purged']),
};

/**
 * A read model in memory: its documents, this process's last writes (what the writer's inline
 * apply leaves), and a hook run while a read is on its way (after the server answered it).
 */
function readModel() {
  const docs = new Map<string, Doc>();
  const written = new Map<string, Doc>();
  const model = {
    docs,
    written,
    reads: 0,
    /** the writer's apply of a stream under way in this process, by stream id */
    applying: new Map<string, Promise<void>>(),
    whileReading: async () => {},
    write(key: string, sequence: number) {
      const doc = { _id: `thing-${key}`, _sequence: sequence };
      docs.set(doc._id, doc);
      written.set(doc._id, doc);
    },
  };
  const collection = {
    findOne: async ({ _id }: { _id: string }) => {
      model.reads++;
      const found = docs.get(_id) ?? null;
      await model.whileReading();
      return found && { ...found };
    },
    find: () =>
      (async function* () {
        yield* [...docs.values()];
      })(),
  };
  const projections = {
    store: () => ({
      lastWritten: async (streamId: string) => written.get(streamId),
      settled: (streamId: string) => model.applying.get(streamId) ?? Promise.resolve(),
    }),
    collection: async () => collection,
  } as unknown as ProjectionRegistry;
  return { model, projections };
}

const changed = (key: string, sequence: number) => ({ type: 'thing.changed', streamId: `thing-${key}`, sequence });

describe('an index fed from a read model, document by document', () => {
  it('keeps the row the writer put while the feed’s read of the same document was answering “none”', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    // the feed hears of the event before the writer's inline apply wrote the document: its read
    // finds none, and while that answer travels the writer writes and refreshes the index inline
    model.whileReading = async () => {
      model.whileReading = async () => {};
      model.write('a', 1);
      await rows.refresh([changed('a', 1)]);
    };
    await rows.refresh([changed('a', 1)]);
    expect(index.row('a')).toEqual({ key: 'a', sequence: 1 });
    expect(rows.lag().rows).toBe(0);
  });

  it('waits for the writer’s apply under way of the stream, and takes its copy without reading the document', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    // the event came from Kafka while this process's group commit of the document was on its way
    let applied = () => {};
    model.applying.set('thing-a', new Promise<void>((resolve) => (applied = resolve)));
    const refreshed = rows.refresh([changed('a', 1)]);
    model.write('a', 1);
    applied();
    await refreshed;
    expect(index.row('a')).toEqual({ key: 'a', sequence: 1 });
    expect(model.reads).toBe(0);
  });

  it('removes the row of a document gone (its stream ended)', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    index.upsert({ key: 'a', sequence: 1 });
    model.written.clear();
    await rows.refresh([changed('a', 2)]);
    expect(index.row('a')).toBeUndefined();
  });

  it('takes a document absent after the event that deleted it as up to date, the row gone or never held', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    const purged = (key: string, sequence: number) => ({ ...changed(key, sequence), type: 'thing.purged' });
    index.upsert({ key: 'a', sequence: 1 });
    model.written.clear();
    await rows.refresh([purged('a', 2)]); // the writer's inline refresh
    await rows.refresh([purged('a', 2)]); // the feed hears of it from Kafka
    // another replica's computer, created and purged before this one read it
    await rows.refresh([changed('b', 1), purged('b', 2)]);
    expect([index.size, rows.lag().rows]).toEqual([0, 0]);
  });

  it('reads a document behind its event again until it shows it, however late', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    await rows.refresh([changed('late', 1), changed('behind', 1), changed('behind', 3)]);
    model.docs.set('thing-behind', { _id: 'thing-behind', _sequence: 2 });
    expect(await rows.retryLagging(Date.now() + 1000)).toBe(2);
    expect(index.row('behind')?.sequence).toBe(2);
    expect(rows.lag()).toMatchObject({ rows: 2, givenUp: 0 });
    expect(rows.lag().oldestMs).toBeGreaterThanOrEqual(0);
    // written at last, long after the feed's quick reads gave up
    model.docs.set('thing-late', { _id: 'thing-late', _sequence: 1 });
    model.docs.set('thing-behind', { _id: 'thing-behind', _sequence: 3 });
    expect(await rows.retryLagging(Date.now() + 60_000)).toBe(0);
    expect([index.row('late')?.sequence, index.row('behind')?.sequence]).toEqual([1, 3]);
  });

  it('drops at a reload the rows the read model no longer holds', async () => {
    const { model, projections } = readModel();
    const index = new Rows();
    const rows = new ReadModelRows(projections, index, SOURCE);
    index.upsert({ key: 'purged', sequence: 4 });
    index.upsert({ key: 'kept', sequence: 1 });
    model.docs.set('thing-kept', { _id: 'thing-kept', _sequence: 2 });
    expect(await rows.loadAll()).toBe(1);
    expect([index.size, index.row('kept')?.sequence]).toEqual([1, 2]);
  });
});
