import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import type { EventEnvelope } from '@itsm/contracts';
import { asContractEnvelope, concurrentUpsert, type ContractEnvelope, type MongoEventStore } from '@itsm/eventsourcing';
import { EVENT_STORE, MONGO_CONNECTION, ProjectionRegistry, type EventReactor } from '@itsm/runtime';
import type { AnyBulkWriteOperation, IndexDescription } from 'mongodb';
import type { Connection } from 'mongoose';
import {
  softwareCatalogueProjection,
  type SoftwareCatalogueDoc,
} from '../../software/read-models/software-catalogue.projection';
import { assetListProjection, type AssetListDoc } from '../../asset/read-models/asset-list.projection';
import {
  computerFacts,
  installationPlan,
  type ComputerFacts,
  type InstallationDoc,
  type InstallationWrite,
  type VersionNames,
} from './installation-plan';

/** How far the feed went in a stream, and, for a computer's own stream, what it knows of the computer. */
interface StreamMark {
  _id: string;
  sequence: number;
  facts?: ComputerFacts | null;
}

export const INSTALLATIONS = 'software_installations';
export const INSTALLATION_MARKS = 'software_installation_streams';
/** the reactor's name: its consumer group's commits tell how far the installations surely are */
export const INSTALLATIONS_REACTOR = 'software-installations';

/**
 * "Which computers have X (version Y)" and a computer's software: the sorts after the equalities
 * of each question, so that PostgreSQL (under FerretDB) or MongoDB answers a page from the index.
 */
export const INSTALLATION_INDEXES: IndexDescription[] = [
  { key: { softwareId: 1, entityId: 1, trashed: 1, computerKey: 1 }, name: 'software_entity_computer' },
  { key: { versionId: 1, entityId: 1, trashed: 1, computerKey: 1 }, name: 'version_entity_computer' },
  { key: { computerId: 1, softwareName: 1 }, name: 'computer_software' },
];

const HANDLED = new Set([
  'asset.created',
  'asset.updated',
  'asset.trashed',
  'asset.restored',
  'asset.purged',
  'asset.transferred',
  'asset.inventory-applied',
  'software.installed',
  'software.uninstalled',
]);

const MANUAL_STREAM = 'computer-software-';
const ASSET_STREAM = 'asset-';

/**
 * Keeps `software_installations`, one document per computer x version, from the assets context's
 * own topic: an inventory's software changes (the computer's stream), a technician's installations
 * (`computer-software-<id>`), and the computer's name and trash. Not a kernel projection: those
 * keep one document per stream, and here one stream writes hundreds. Each stream's mark makes a
 * redelivered event a no-op; the writes themselves are idempotent (upserts and deletes by id), so
 * an event applied but not marked (a crash between) is applied again harmlessly.
 */
@Injectable()
export class SoftwareInstallationsFeed implements EventReactor, OnApplicationBootstrap {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
    private readonly projections: ProjectionRegistry,
  ) {}

  installations() {
    return this.connection.collection<InstallationDoc>(INSTALLATIONS);
  }

  private marks() {
    return this.connection.collection<StreamMark>(INSTALLATION_MARKS);
  }

  async onApplicationBootstrap(): Promise<void> {
    // one by one: FerretDB 1.24 drops the connection (a panic) when createIndexes is given
    // several indexes that exist already, i.e. at every start but the first
    for (const { key, ...options } of INSTALLATION_INDEXES) await this.installations().createIndex(key, options);
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    if (!HANDLED.has(envelope.type)) return;
    const event = asContractEnvelope(envelope);
    const manual = event.streamId.startsWith(MANUAL_STREAM);
    if (event.sequence === 1 && !manual) return this.applyFirst(event);
    const mark = await this.marks().findOne({ _id: event.streamId });
    if (mark && mark.sequence >= event.sequence) return;
    const facts = manual
      ? await this.computerOf(event.streamId.slice(MANUAL_STREAM.length))
      : mark
        ? (mark.facts ?? null)
        : await this.factsBefore(event);
    const plan = installationPlan(event, facts, await this.namesFor(event));
    if (!plan) return;
    const first = event.type === 'asset.inventory-applied' && event.data.first === true;
    await (first ? this.insertFirst(plan.writes) : this.write(plan.writes));
    const after = manual ? {} : { facts: plan.facts };
    // the command's catch-up and the consumer may mark a new stream at once (see write)
    await concurrentUpsert(() =>
      this.marks().updateOne(
        { _id: event.streamId },
        { $set: { sequence: event.sequence, ...after } },
        { upsert: true },
      ),
    );
  }

  /**
   * An asset stream's first event (a computer created: its facts, no installation yet) writes
   * nothing and leaves no mark: a redelivery of it does nothing either, and the stream's next event
   * finds the computer's facts in the store (factsBefore). An import's computers cost no document here.
   */
  private async applyFirst(event: ContractEnvelope): Promise<void> {
    const plan = installationPlan(event, null, null);
    if (plan) await this.write(plan.writes);
  }

  /**
   * A computer's facts before an event of its stream that has no mark yet (its first event left
   * none): its earlier events folded as the feed folds them, from the store. A stream the store does
   * not hold (events put on the topic by another writer: tests) is known from the assets read model.
   */
  private async factsBefore(event: ContractEnvelope): Promise<ComputerFacts | null> {
    const earlier = (await this.store.readStream(event.streamId)).filter((one) => one.sequence < event.sequence);
    if (earlier.length === 0) return this.computerOf(event.streamId.slice(ASSET_STREAM.length));
    let facts: ComputerFacts | null = null;
    for (const one of earlier) {
      const plan = installationPlan(asContractEnvelope(one), facts, null);
      if (plan) facts = plan.facts;
    }
    return facts;
  }

  /**
   * Applies a stream's last event at once, from the store: a technician's command answers with
   * the installations it changed, as a kernel projection's inline apply would (the consumer
   * applying them again changes nothing).
   */
  async catchUp(streamId: string, version: number): Promise<void> {
    for (const event of await this.store.readStream(streamId, version)) await this.handle(event);
  }

  /**
   * The computer as its own stream left it here, else as the assets read model has it (written
   * when the computer was, while this feed may not have reached it yet: another partition). A
   * computer known to neither is retried.
   */
  private async computerOf(computerId: string): Promise<ComputerFacts> {
    const facts = (await this.marks().findOne({ _id: `${ASSET_STREAM}${computerId}` }))?.facts;
    if (facts) return facts;
    const assets = await this.projections.collection<AssetListDoc>(assetListProjection.name);
    const asset = await assets.findOne({ assetId: computerId, assetType: 'computer' });
    if (!asset) throw new DomainError('unavailable', `computer ${computerId} not known to the installations feed yet`);
    return computerFacts(asset.assetId, asset.name, asset.entityId, asset.trashed);
  }

  /** The names of a manually installed version, from the catalogue (written before the installation was allowed). */
  private async namesFor(event: ContractEnvelope): Promise<VersionNames | null> {
    if (event.type !== 'software.installed') return null;
    const catalogue = await this.projections.collection<SoftwareCatalogueDoc>(softwareCatalogueProjection.name);
    const software = await catalogue.findOne({ softwareId: event.data.softwareId });
    const version = software?.versions.find((one) => one.versionId === event.data.versionId);
    if (!software || !version)
      throw new DomainError('unavailable', `version ${event.data.versionId} not in the catalogue yet`);
    return {
      softwareName: software.name,
      publisher: software.publisher,
      versionName: version.name,
      arch: version.arch,
    };
  }

  /**
   * A computer's first inventory only adds: its hundreds of installations go in as inserts, ~9x
   * cheaper than as many upserts on FerretDB (1,000 in 0.12 s against 1.1 s). Delivered again
   * (some already there), they are written the general way.
   */
  private async insertFirst(writes: InstallationWrite[]): Promise<void> {
    const docs = writes.flatMap((write) => (write.kind === 'upsert' ? [write.doc] : []));
    if (docs.length !== writes.length) return this.write(writes);
    try {
      await this.installations().insertMany(docs, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.write(writes);
    }
  }

  /**
   * The command's catch-up and the consumer apply a technician's installation at once (in one
   * replica or two): both upsert the new document, and FerretDB refuses the second insert.
   */
  private async write(writes: InstallationWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await concurrentUpsert(() => this.installations().bulkWrite(writes.map(operationOf), { ordered: true }));
  }
}

/** Some documents were there already (code 11000), whether alone or among a bulk's errors. */
function isDuplicateKeyError(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: Array<{ code?: number }> };
  return (
    code === 11000 ||
    (Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((one) => one.code === 11000))
  );
}

function operationOf(write: InstallationWrite): AnyBulkWriteOperation<InstallationDoc> {
  switch (write.kind) {
    case 'upsert':
      return { replaceOne: { filter: { _id: write.doc._id }, replacement: write.doc, upsert: true } };
    case 'delete':
      return { deleteOne: { filter: { _id: write.id } } };
    case 'restamp':
      return { updateMany: { filter: { computerId: write.computerId }, update: { $set: write.set } } };
    case 'purge':
      return { deleteMany: { filter: { computerId: write.computerId } } };
  }
}
