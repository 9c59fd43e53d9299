import type { EventEnvelope } from '@itsm/contracts';
import {
  ProjectionStore,
  type MongoEventStore,
  type Projection,
  type ProjectedFields,
  type ProgressListener,
  type StreamSource,
  type TopicSource,
} from '@itsm/eventsourcing';
import type { Collection, Connection } from 'mongoose';

/** Told of the events a writer has just applied inline (their documents are written). */
export type InlineApplyListener = (events: EventEnvelope[]) => Promise<void>;

/** Where read models are rebuilt from: the service's event store, or a foreign read model's topic. */
export interface RebuildSources {
  store: MongoEventStore;
  /** the topic feeding a read model of another context's events, read by a group of the rebuild's own */
  topicOf(projection: string): TopicSource;
}

/** The service's own read models, by projection name. */
export class ProjectionRegistry {
  private readonly stores = new Map<string, ProjectionStore<object>>();
  private readonly foreign = new Set<string>();
  private readonly inlineListeners: InlineApplyListener[] = [];

  /** own: fed by this service's events (caught up from its store); foreign: by other contexts' topics */
  constructor(
    connection: Connection,
    own: Projection<object>[],
    foreign: Projection<object>[],
    source: StreamSource,
    private readonly rebuildSources?: RebuildSources,
  ) {
    for (const projection of own) this.stores.set(projection.name, new ProjectionStore(connection, projection, source));
    for (const projection of foreign) {
      this.stores.set(projection.name, new ProjectionStore(connection, projection));
      this.foreign.add(projection.name);
    }
  }

  /**
   * Rebuilds a read model into a fresh collection swapped in while the service answers: from the
   * event store for one of the service's own events, from its topic's beginning for one fed by
   * another context. Returns the new collection's name.
   */
  rebuild(name: string, options: { onProgress?: ProgressListener } = {}): Promise<string> {
    const store = this.store(name);
    if (!this.rebuildSources) throw new Error('this registry has no source to rebuild from');
    return this.foreign.has(name)
      ? store.rebuildFromTopic(this.rebuildSources.topicOf(name), options)
      : store.rebuild(this.rebuildSources.store, options);
  }

  /** Whether a read model is fed by another context's topic (it has no store to read one stream from). */
  isForeign(name: string): boolean {
    this.store(name);
    return this.foreign.has(name);
  }

  /** The names of the service's read models. */
  names(): string[] {
    return [...this.stores.keys()];
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
