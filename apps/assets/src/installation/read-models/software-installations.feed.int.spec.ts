import { upcasterRegistry, type EventEnvelope } from '@itsm/contracts';
import { handleCommand, MongoEventStore } from '@itsm/eventsourcing';
import { ProjectionRegistry } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { assetListProjection } from '../../asset/read-models/asset-list.projection';
import { softwareIdFor, versionIdFor } from '../../software/domain/software-names';
import { softwareCatalogueProjection } from '../../software/read-models/software-catalogue.projection';
import { entityAEnvelope, softwareEntry, softwareInventory } from '../../test-support/software-events';
import { computerSoftwareDecider, computerSoftwareStreamId } from '../computer-software.decider';
import { INSTALLATION_MARKS, INSTALLATIONS, SoftwareInstallationsFeed } from './software-installations.feed';

// The installations feed on FerretDB itself: one document per computer, each stream's event once,
// a technician's installation and an inventory's written side by side without losing either, and
// the reads that answer while the indexes load; a technician's installation applied twice at once.
const stack = useIsolatedStack();
let connection: Connection;
let feed: SoftwareInstallationsFeed;
let projections: ProjectionRegistry;
let store: MongoEventStore;

const COMPUTER = '0190cccc-0000-7000-8000-000000000001';
const firefox = softwareIdFor('A', 'Mozilla Firefox', 'Mozilla');
const entry = (name: string, version: string) =>
  softwareEntry(name, version, name === 'Mozilla Firefox' ? 'Mozilla' : undefined);

const sequences = new Map<string, number>();
const metadata = {
  entityId: 'A',
  actor: { kind: 'system' as const, id: 'test' },
  correlationId: 'c',
  causationId: 'c',
};
const envelope = (type: string, data: object, streamId = `asset-${COMPUTER}`): EventEnvelope => {
  const next = (sequences.get(streamId) ?? 0) + 1;
  sequences.set(streamId, next);
  return entityAEnvelope(type, data, streamId, next);
};
const inventory = (software: Parameters<typeof softwareInventory>[1], first = false) => {
  const { type, data } = softwareInventory(COMPUTER, software);
  return envelope(type, { ...data, first });
};
const names = async (entities?: string[]) =>
  (await feed.installationsIn(() => true, entities)).map((one) => `${one.softwareName} ${one.versionName}`).sort();

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName }).asPromise();
  store = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
  await store.createIndexes();
  projections = new ProjectionRegistry(connection, [assetListProjection, softwareCatalogueProjection], [], store);
  feed = new SoftwareInstallationsFeed(connection, store, projections);
  await feed.onApplicationBootstrap();
});
afterAll(() => connection.close());

describe('the installations feed, one document per computer', () => {
  const created = envelope('asset.created', {
    assetId: COMPUTER,
    assetType: 'computer',
    entityId: 'A',
    dynamic: true,
    fields: { name: 'PC-BLIER' },
  });
  const first = inventory(
    { installed: [entry('Mozilla Firefox', '115.0'), entry('vim', '9.0'), entry('curl', '7.88')] },
    true,
  );

  it("keeps a first inventory's software in the computer's one document, each event once", async () => {
    // events not in the store (handed to the feed): the computer's facts come from the assets list
    await connection
      .collection(assetListProjection.name)
      .insertOne({ assetId: COMPUTER, assetType: 'computer', name: 'PC-BLIER', entityId: 'A', trashed: false });
    await feed.handle(created);
    await feed.handle(first);
    await feed.handle(first); // redelivered: nothing more
    expect(await connection.collection(INSTALLATIONS).countDocuments()).toBe(1);
    expect(await names()).toEqual(['Mozilla Firefox 115.0', 'curl 7.88', 'vim 9.0']);
    const installed = await feed.installedOn(COMPUTER);
    expect(installed.map((one) => one.softwareName)).toEqual(['Mozilla Firefox', 'curl', 'vim']);
    expect(installed[0]).toMatchObject({
      computerName: 'PC-BLIER',
      entityId: 'A',
      softwareId: firefox,
      source: 'inventory',
    });
  });

  it('follows upgrades and removals, and the computer renamed', async () => {
    await feed.handle(
      inventory({
        upgraded: [{ from: entry('Mozilla Firefox', '115.0'), to: entry('Mozilla Firefox', '128.0') }],
        removed: [entry('curl', '7.88')],
      }),
    );
    await feed.handle(
      envelope('asset.updated', {
        assetId: COMPUTER,
        assetType: 'computer',
        changes: { name: 'PC-42' },
        locked: ['name'],
      }),
    );
    expect(await names(['A'])).toEqual(['Mozilla Firefox 128.0', 'vim 9.0']);
    expect(await names(['B'])).toEqual([]);
    expect((await feed.installedOn(COMPUTER)).map((one) => one.computerName)).toEqual(['PC-42', 'PC-42']);
  });

  it("writes a technician's installation and an inventory's side by side, losing neither", async () => {
    const vlc = softwareIdFor('A', 'VLC', null);
    const vlcVersion = versionIdFor(vlc, '3.0', null);
    const catalogue = await projections.collection(softwareCatalogueProjection.name);
    await catalogue.insertOne({
      _id: `software-${vlc}`,
      _sequence: 1,
      softwareId: vlc,
      entityId: 'A',
      recursive: false,
      name: 'VLC',
      nameKey: 'vlc',
      publisher: null,
      comment: null,
      versions: [{ versionId: vlcVersion, name: '3.0', arch: null }],
      createdAt: '2026-12-01T08:00:00.000Z',
    } as never);
    const manual = envelope(
      'software.installed',
      { computerId: COMPUTER, softwareId: vlc, versionId: vlcVersion, installedAt: null },
      `computer-software-${COMPUTER}`,
    );
    await Promise.all([feed.handle(manual), feed.handle(inventory({ installed: [entry('git', '2.39')] }))]);
    expect(await names()).toEqual(['Mozilla Firefox 128.0', 'VLC 3.0', 'git 2.39', 'vim 9.0']);
    expect((await feed.installedOn(COMPUTER)).find((one) => one.softwareName === 'VLC')?.source).toBe('manual');
  });

  it('leaves a trashed computer out of the reads by entity, and forgets a purged one', async () => {
    await feed.handle(envelope('asset.trashed', { assetId: COMPUTER, assetType: 'computer' }));
    expect(await names(['A'])).toEqual([]);
    expect(await names()).toHaveLength(4);
    await feed.handle(envelope('asset.purged', { assetId: COMPUTER, assetType: 'computer', entityId: 'A' }));
    expect(await connection.collection(INSTALLATIONS).countDocuments()).toBe(0);
    expect(await feed.installedOn(COMPUTER)).toEqual([]);
  });
});

// The command's catch-up (read-your-writes) and the Kafka consumer, in this replica or another,
// apply a technician's installation at once: both find no mark and write the same installation;
// FerretDB 1.24 refuses the second insert (E11000) where MongoDB retries it.
describe("a technician's installation applied twice at once", () => {
  const SOFTWARE_ID = 'software-1';
  const VERSION_ID = 'version-1';

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

  it('applies an installation caught up by its command and delivered by Kafka at once, without a failure', async () => {
    await connection.collection(softwareCatalogueProjection.name).insertOne({
      softwareId: SOFTWARE_ID,
      name: 'LibreOffice',
      publisher: 'TDF',
      versions: [{ versionId: VERSION_ID, name: '7.5.4', arch: null }],
    });
    const computers = await Promise.all(Array.from({ length: 30 }, (_, i) => computerWithInstallation(`PC-${i}`)));
    const applies = computers.flatMap((computerId) =>
      ['answer', 'consumer'].map(() => feed.catchUp(computerSoftwareStreamId(computerId), 1)),
    );
    const failures = (await Promise.allSettled(applies)).flatMap((outcome) =>
      outcome.status === 'rejected' ? [String(outcome.reason)] : [],
    );
    expect(failures).toEqual([]);
    const installed = await feed.installationsIn((one) => one.versionId === VERSION_ID, ['A']);
    expect(installed.map((one) => one.computerId).sort()).toEqual([...computers].sort());
    expect(await connection.collection(INSTALLATIONS).countDocuments({ _id: { $in: computers } as never })).toBe(30);
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
