import { upcasterRegistry, type EventEnvelope } from '@itsm/contracts';
import { MongoEventStore } from '@itsm/eventsourcing';
import { ProjectionRegistry } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { assetListProjection } from '../../asset/read-models/asset-list.projection';
import { softwareIdFor, versionIdFor } from '../../software/domain/software-names';
import { softwareCatalogueProjection } from '../../software/read-models/software-catalogue.projection';
import { entityAEnvelope, softwareEntry, softwareInventory } from '../../test-support/software-events';
import { INSTALLATIONS, SoftwareInstallationsFeed } from './software-installations.feed';

// The installations feed on FerretDB itself: one document per computer, each stream's event once,
// a technician's installation and an inventory's written side by side without losing either, and
// the reads that answer while the indexes load.
const stack = useIsolatedStack();
let connection: Connection;
let feed: SoftwareInstallationsFeed;
let projections: ProjectionRegistry;

const COMPUTER = '0190cccc-0000-7000-8000-000000000001';
const firefox = softwareIdFor('A', 'Mozilla Firefox', 'Mozilla');
const entry = (name: string, version: string) =>
  softwareEntry(name, version, name === 'Mozilla Firefox' ? 'Mozilla' : undefined);

const sequences = new Map<string, number>();
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
  const store = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
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
