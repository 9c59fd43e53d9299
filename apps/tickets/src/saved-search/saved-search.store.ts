import { DomainError } from '@itsm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import { concurrentUpsert } from '@itsm/eventsourcing';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Collection, Connection } from 'mongoose';
import { mayRemove, visibleSearchesFilter, type SavedSearch } from './saved-search';

/** a user's list of saved searches stays short enough to show in a menu */
const MAX_PER_OWNER = 50;

/**
 * The ticket list's saved searches: documents of the tickets service, written once and removed,
 * never events (docs/web.md, "Saved searches").
 */
@Injectable()
export class SavedSearchStore {
  private readonly searches: Collection<SavedSearch>;
  private indexed?: Promise<unknown>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly tree: EntityTreeReader,
  ) {
    this.searches = connection.collection<SavedSearch>('saved_searches');
  }

  async visibleTo(caller: Caller): Promise<SavedSearch[]> {
    return (await this.collection())
      .find(await this.visibleFilter(caller))
      .sort({ name: 1 })
      .toArray();
  }

  async save(search: SavedSearch): Promise<void> {
    const collection = await this.collection();
    if ((await collection.countDocuments({ ownerId: search.ownerId })) >= MAX_PER_OWNER) {
      throw new DomainError('rule', `at most ${MAX_PER_OWNER} saved searches per user`);
    }
    // the id comes from newId(): a retry with the same Idempotency-Key writes the same document,
    // perhaps while the first attempt still writes it
    await concurrentUpsert(() => collection.replaceOne({ _id: search._id }, search, { upsert: true }));
  }

  async remove(caller: Caller, searchId: string): Promise<void> {
    const collection = await this.collection();
    const search = await collection.findOne({ _id: searchId, ...(await this.visibleFilter(caller)) });
    if (!search) throw new DomainError('not_found', `no saved search ${searchId}`);
    if (!mayRemove(caller, search)) throw new DomainError('forbidden', 'only its owner removes a saved search');
    await collection.deleteOne({ _id: searchId });
  }

  private async visibleFilter(caller: Caller) {
    return visibleSearchesFilter(caller, (await this.tree.tree()).ancestorsOf(caller.entityId));
  }

  private async collection(): Promise<Collection<SavedSearch>> {
    this.indexed ??= this.searches.createIndex({ ownerId: 1 }, { name: 'owner' });
    await this.indexed;
    return this.searches;
  }
}
