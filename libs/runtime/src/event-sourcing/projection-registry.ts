import type { EventEnvelope } from '@itsm/contracts';
import { ProjectionStore, type Projection, type ProjectedFields, type StreamSource } from '@itsm/eventsourcing';
import type { Collection, Connection } from 'mongoose';

/** Told of the events a writer has just applied inline (their documents are written). */
export type InlineApplyListener = (events: EventEnvelope[]) => Promise<void>;

/** The service's own read models, by projection name. */
export class ProjectionRegistry {
  private readonly stores = new Map<string, ProjectionStore<object>>();
  private readonly inlineListeners: InlineApplyListener[] = [];

  /** own: fed by this service's events (caught up from its store); foreign: by other contexts' topics */
  constructor(connection: Connection, own: Projection<object>[], foreign: Projection<object>[], source: StreamSource) {
    for (const projection of own) this.stores.set(projection.name, new ProjectionStore(connection, projection, source));
    for (const projection of foreign) this.stores.set(projection.name, new ProjectionStore(connection, projection));
  }

  all(): ProjectionStore<object>[] {
    return [...this.stores.values()];
  }

  store<Doc extends object>(name: string): ProjectionStore<Doc> {
    const store = this.stores.get(name);
    if (!store) throw new Error(`no projection named ${name}`);
    return store as unknown as ProjectionStore<Doc>;
  }

  collection<Doc extends object>(name: string): Promise<Collection<Doc & ProjectedFields>> {
    return this.store<Doc>(name).collection();
  }

  /**
   * Runs after each inline apply, before the command answers: an in-memory view of a read model
   * (the tickets' list index) refreshes there, so the writer reads its own writes from it too.
   */
  onInlineApplied(listener: InlineApplyListener): void {
    this.inlineListeners.push(listener);
  }

  /** Read-your-writes: the writer applies its events at once; the Kafka consumer finds them applied. */
  async applyInline(events: EventEnvelope[]): Promise<void> {
    await Promise.all(this.all().map((store) => store.applyBatch(events)));
    await Promise.all(this.inlineListeners.map((listener) => listener(events)));
  }
}
