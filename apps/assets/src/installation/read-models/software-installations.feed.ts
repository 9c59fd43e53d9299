import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import type { EventEnvelope } from '@itsm/contracts';
import {
  asContractEnvelope,
  concurrentUpsert,
  KeyedQueue,
  isDuplicateKeyError,
  type ContractEnvelope,
  type MongoEventStore,
} from '@itsm/eventsourcing';
import { EVENT_STORE, MONGO_CONNECTION, ProjectionRegistry, type EventReactor } from '@itsm/runtime';
import type { IndexDescription } from 'mongodb';
import type { Connection } from 'mongoose';
import {
  softwareCatalogueProjection,
  type SoftwareCatalogueDoc,
} from '../../software/read-models/software-catalogue.projection';
import { assetListProjection, type AssetListDoc } from '../../asset/read-models/asset-list.projection';
import { computerIdOf, installationsOf, withWrites, type ComputerSoftwareDoc } from './computer-software-doc';
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

export const INSTALLATIONS = 'computer_software';
export const INSTALLATION_MARKS = 'computer_software_streams';
/**
 * the reactor's name: its consumer group's commits tell how far the installations surely are. A
 * new group (the read model's shape changed from `software_installations`): it folds the assets
 * topic from its beginning.
 */
export const INSTALLATIONS_REACTOR = 'computer-software';

/** The fallbacks' reads (the indexes not ready): a scope's computers, one equality per entity. */
export const INSTALLATION_INDEXES: IndexDescription[] = [
  { key: { entityId: 1, trashed: 1, computerKey: 1 }, name: 'entity_computer' },
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
 * Keeps `computer_software`, one document per computer holding its installations
 * (ComputerSoftwareDoc), from the assets context's own topic: an inventory's software changes (the
 * computer's stream), a technician's installations (`computer-software-<id>`), and the computer's
 * name and trash. Not a kernel projection: two streams write one document. Each stream's mark
 * makes a redelivered event a no-op; the writes themselves are idempotent (each sets or deletes a
 * version in the document, written back only if no other write came between), so an event applied
 * but not marked (a crash between) is applied again harmlessly.
 */
@Injectable()
export class SoftwareInstallationsFeed implements EventReactor, OnApplicationBootstrap {
  readonly handles: ReadonlySet<string> = HANDLED;
  private readonly writesByComputer = new KeyedQueue();

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
    private readonly projections: ProjectionRegistry,
  ) {}

  /** One document per computer with installations (ComputerSoftwareDoc). */
  computers() {
    return this.connection.collection<ComputerSoftwareDoc>(INSTALLATIONS);
  }

  /** What is installed on a computer, by software name. */
  async installedOn(computerId: string): Promise<InstallationDoc[]> {
    const doc = await this.computers().findOne({ _id: computerId });
    return doc ? installationsOf(doc) : [];
  }

  /**
   * The installations `keep` keeps, on the computers out of the trash of the entities given (one
   * equality each), else on every computer; every document read whole: what answers while this
   * replica's indexes are not ready (FerretDB matches nothing inside a document's installations).
   */
  async installationsIn(
    keep: (installation: InstallationDoc) => boolean,
    entities?: readonly string[],
  ): Promise<InstallationDoc[]> {
    const filters = entities ? entities.map((entityId) => ({ entityId, trashed: false })) : [{}];
    const perFilter = await Promise.all(
      filters.map(async (filter) => {
        const kept: InstallationDoc[] = [];
        for await (const doc of this.computers().find(filter)) {
          for (const installation of installationsOf(doc)) if (keep(installation)) kept.push(installation);
        }
        return kept;
      }),
    );
    return perFilter.flat();
  }

  private marks() {
    return this.connection.collection<StreamMark>(INSTALLATION_MARKS);
  }

  async onApplicationBootstrap(): Promise<void> {
    // one by one: FerretDB 1.24 drops the connection (a panic) when createIndexes is given
    // several indexes that exist already, i.e. at every start but the first
    for (const { key, ...options } of INSTALLATION_INDEXES) await this.computers().createIndex(key, options);
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
    await this.write(plan.writes);
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
   * A computer's writes one after another within the replica: its revision check is atomic on
   * MongoDB, but FerretDB 1.24 reads then writes, so two replaces of one revision could both pass
   * (docs/local-stack.md). Across replicas the check is left to the database.
   */
  private write(writes: InstallationWrite[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    return this.writesByComputer.run(computerIdOf(writes), () => this.writeNow(writes));
  }

  private async writeNow(writes: InstallationWrite[]): Promise<void> {
    const [first] = writes;
    if (!first) return;
    if (first.kind === 'restamp') {
      await this.computers().updateOne({ _id: first.computerId }, { $set: first.set, $inc: { revision: 1 } });
    } else if (first.kind === 'purge') await this.computers().deleteOne({ _id: first.computerId });
    else await this.rewrite(writes);
  }

  /**
   * The computer's document read, changed and written back unless another write came between
   * (its revision): the computer's own stream and a technician's are fed side by side.
   */
  private async rewrite(writes: InstallationWrite[]): Promise<void> {
    const computerId = computerIdOf(writes);
    for (;;) {
      const doc = await this.computers().findOne({ _id: computerId });
      const next = withWrites(doc, writes);
      if (!next) return;
      if (!doc) {
        const inserted = await this.computers()
          .insertOne({ ...next, revision: 1 })
          .then(() => true)
          .catch((error: unknown) => {
            if (!isDuplicateKeyError(error)) throw error;
            return false;
          });
        if (inserted) return;
        continue;
      }
      const { revision } = doc;
      const { matchedCount } = await this.computers().replaceOne(
        { _id: computerId, revision },
        { ...next, revision: revision + 1 },
      );
      if (matchedCount === 1) return;
    }
  }
}
