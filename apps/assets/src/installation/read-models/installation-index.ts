import { Inject, Injectable } from '@nestjs/common';
import { IndexReadiness, MONGO_CONNECTION, type FedIndex, type SnapshotCapable, type StreamEvent } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import { installationsOf, type ComputerSoftwareDoc } from './computer-software-doc';
import { InstalledSoftware, type InstalledItem } from './installed-software';
import { INSTALLATIONS, INSTALLATION_MARKS, INSTALLATIONS_REACTOR } from './software-installations.feed';

const LOAD_BATCH = 5000;
/** computers' documents, ~100 KB each for a desktop's software */
const COMPUTERS_BATCH = 100;

/**
 * This replica's installations in memory (InstalledSoftware), fed with the asset lists' index by
 * the assets topic: loaded from `computer_software`, then folding every event.
 */
@Injectable()
export class InstallationIndex extends IndexReadiness implements FedIndex {
  readonly readModel = INSTALLATIONS_REACTOR;
  private installed = new InstalledSoftware();
  /** the events heard while a load is under way: folded into what it loaded before it answers */
  private heardDuringLoad?: StreamEvent[];

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {
    super();
  }

  /** What is installed, or undefined when the read model must answer. */
  get software(): InstalledSoftware | undefined {
    return this.ready ? this.installed : undefined;
  }

  /**
   * The streams' marks first, then the documents: the documents are then at least as far as the
   * marks say, and an event past a mark folds onto them harmlessly (each fold sets or deletes).
   */
  async loadAll(stopped: () => boolean): Promise<number> {
    return this.replaceWith(async (installed) => {
      const marks = this.connection.collection<{ _id: string; sequence: number }>(INSTALLATION_MARKS);
      for await (const mark of marks.find({}, { projection: { sequence: 1 }, batchSize: LOAD_BATCH })) {
        installed.markFolded(mark._id, mark.sequence);
        if (stopped()) return 0;
      }
      let count = 0;
      const docs = this.connection
        .collection<ComputerSoftwareDoc>(INSTALLATIONS)
        .find({}, { batchSize: COMPUTERS_BATCH });
      for await (const doc of docs) {
        for (const installation of installationsOf(doc)) installed.load(installation);
        count += doc.count;
        if (stopped()) break;
      }
      return count;
    });
  }

  /** The installations as a snapshot keeps them (InstalledSoftware's items). */
  readonly snapshot: SnapshotCapable = {
    format: 'installations:1',
    items: () => this.installed.snapshotItems(),
    load: (chunks, stopped) =>
      this.replaceWith(async (installed) => {
        let count = 0;
        for await (const chunk of chunks) {
          for (const item of chunk) installed.restore(item as InstalledItem);
          count += chunk.length;
          if (stopped()) break;
        }
        return count;
      }),
  };

  /**
   * What `fill` puts into fresh installations replaces those held, once the events heard
   * meanwhile are folded onto it: the writer's own commands during the load, whose events may
   * reach Kafka only after the feed is caught up (each fold is idempotent: sets and deletes, once
   * per stream sequence). A fill that throws leaves the installations held as they were.
   */
  private async replaceWith(fill: (installed: InstalledSoftware) => Promise<number>): Promise<number> {
    const installed = new InstalledSoftware();
    this.heardDuringLoad = [];
    try {
      const count = await fill(installed);
      for (const event of this.heardDuringLoad) installed.fold(event);
      this.installed = installed;
      return count;
    } finally {
      this.heardDuringLoad = undefined;
    }
  }

  async refresh(events: StreamEvent[]): Promise<void> {
    for (const event of events) this.installed.fold(event);
    this.heardDuringLoad?.push(...events);
  }
}
