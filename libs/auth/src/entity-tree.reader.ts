import type { ProjectionStore } from '@itsm/eventsourcing';
import { EntityTree } from './entity-tree';
import type { EntityTreeNode } from './entity-tree.projection';

/** The entity tree from its read model, re-read at most every `cacheMs`: every request needs it. */
export class EntityTreeReader {
  private cached?: { tree: EntityTree; readAt: number };
  private reading?: Promise<EntityTree>;
  // a read that started before invalidate() must not refill the cache with what it saw
  private generation = 0;

  constructor(
    private readonly store: ProjectionStore<EntityTreeNode>,
    private readonly cacheMs = 1000,
  ) {}

  tree(): Promise<EntityTree> {
    if (this.cached && Date.now() - this.cached.readAt < this.cacheMs) return Promise.resolve(this.cached.tree);
    if (!this.reading) {
      // concurrent requests share one read
      const reading = this.read().finally(() => {
        if (this.reading === reading) this.reading = undefined;
      });
      this.reading = reading;
    }
    return this.reading;
  }

  /** After applying entity events inline, so that the next request sees them. */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.reading = undefined;
  }

  private async read(): Promise<EntityTree> {
    const generation = this.generation;
    const collection = await this.store.collection();
    const docs = await collection.find({}, { projection: { _id: 0, entityId: 1, parentId: 1 } }).toArray();
    const tree = new EntityTree(docs.map((doc) => ({ id: doc.entityId, parentId: doc.parentId })));
    if (generation === this.generation) this.cached = { tree, readAt: Date.now() };
    return tree;
  }
}
