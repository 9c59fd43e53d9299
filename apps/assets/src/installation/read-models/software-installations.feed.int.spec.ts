import { upcasterRegistry } from '@itsm/contracts';
import { handleCommand, MongoEventStore } from '@itsm/eventsourcing';
import { ProjectionRegistry } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { assetListProjection } from '../../asset/read-models/asset-list.projection';
import { softwareCatalogueProjection } from '../../software/read-models/software-catalogue.projection';
import { computerSoftwareDecider, computerSoftwareStreamId } from '../computer-software.decider';
import { INSTALLATION_MARKS, INSTALLATIONS, SoftwareInstallationsFeed } from './software-installations.feed';

// A technician's installation is applied twice at once: by the command's catch-up (read-your-writes)
// and by the Kafka consumer, in this replica or another. Both find no mark and upsert the same new
// installation and mark; FerretDB 1.24 refuses the second insert (E11000) where MongoDB retries it.
const stack = useIsolatedStack();
const COMPUTERS = 30;
const SOFTWARE_ID = 'software-1';
const VERSION_ID = 'version-1';
const metadata = {
  entityId: 'A',
  actor: { kind: 'system' as const, id: 'test' },
  correlationId: 'c',
  causationId: 'c',
};

let connection: Connection;
let store: MongoEventStore;
let feed: SoftwareInstallationsFeed;

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName }).asPromise();
  store = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
  await store.createIndexes();
  const projections = new ProjectionRegistry(connection, [assetListProjection, softwareCatalogueProjection], [], store);
  feed = new SoftwareInstallationsFeed(connection, store, projections);
  await feed.onApplicationBootstrap();
  await connection.collection(softwareCatalogueProjection.name).insertOne({
    softwareId: SOFTWARE_ID,
    name: 'LibreOffice',
    publisher: 'TDF',
    versions: [{ versionId: VERSION_ID, name: '7.5.4', arch: null }],
  });
});
afterAll(() => connection.close());

/** A computer the assets read model knows, with a version installed by hand on it (stored, not applied). */
async function computerWithInstallation(name: string): Promise<string> {
  const computerId = uuidv7();
  await connection
    .collection(assetListProjection.name)
    .insertOne({ assetId: computerId, assetType: 'computer', name, entityId: 'A', trashed: false });
  const install = {
    type: 'install-software' as const,
    computerId,
    softwareId: SOFTWARE_ID,
    versionId: VERSION_ID,
    installedAt: null,
    present: false,
  };
  const result = await handleCommand(
    store,
    computerSoftwareDecider,
    computerSoftwareStreamId(computerId),
    install,
    metadata,
  );
  expect(result.ok).toBe(true);
  return computerId;
}

describe('the installations feed', () => {
  it('applies an installation caught up by its command and delivered by Kafka at once, without a failure', async () => {
    const computers = await Promise.all(
      Array.from({ length: COMPUTERS }, (_, i) => computerWithInstallation(`PC-${i}`)),
    );
    const applies = computers.flatMap((computerId) =>
      ['answer', 'consumer'].map(() => feed.catchUp(computerSoftwareStreamId(computerId), 1)),
    );
    const failures = (await Promise.allSettled(applies)).flatMap((outcome) =>
      outcome.status === 'rejected' ? [String(outcome.reason)] : [],
    );
    expect(failures).toEqual([]);
    const installations = await connection.collection(INSTALLATIONS).find({ versionId: VERSION_ID }).toArray();
    expect(installations.map((one) => one.computerId).sort()).toEqual([...computers].sort());
    const marks = await connection
      .collection(INSTALLATION_MARKS)
      .find({ _id: { $in: computers.map(computerSoftwareStreamId) } as never })
      .toArray();
    expect(marks.map((mark) => mark.sequence)).toEqual(computers.map(() => 1));
  });
});

describe('a computer created with no software', () => {
  it('leaves no mark, and its next event finds its facts in the store and marks it', async () => {
    const computerId = uuidv7();
    const streamId = `asset-${computerId}`;
    const created = { assetId: computerId, assetType: 'computer', entityId: 'A', fields: { name: 'PC-LAZY' } };
    await store.append(streamId, 0, [{ type: 'asset.created', data: created }], metadata);
    await feed.catchUp(streamId, 1);
    const mark = () => connection.collection(INSTALLATION_MARKS).findOne({ _id: streamId as never });
    expect(await mark()).toBeNull();
    await store.append(
      streamId,
      1,
      [{ type: 'asset.trashed', data: { assetId: computerId, assetType: 'computer' } }],
      metadata,
    );
    await feed.catchUp(streamId, 2);
    expect(await mark()).toEqual({
      _id: streamId,
      sequence: 2,
      facts: { computerId, name: 'PC-LAZY', entityId: 'A', trashed: true },
    });
  });
});
