import type { Collection, Document } from 'mongodb';
import type { Page } from './page';

export interface FanOut {
  /** equalities every branch shares (type, priority, category…) */
  shared: Record<string, string | number | boolean>;
  /** the branches: one per (entity, status) pair, each a set of equalities */
  branches: Array<Record<string, string>>;
  sortField: string;
  direction: 1 | -1;
  skip: number;
  limit: number;
}

/**
 * A page of "entity in (…) and status in (…)" as one equality query per pair, merged here.
 * FerretDB 1.24 hands equalities, a one-field sort and the limit to PostgreSQL, but fetches and
 * sorts a whole collection for $in or a two-field sort; MongoDB runs either form from its index.
 */
export async function fanOutPage<Doc extends Document>(collection: Collection<Doc>, plan: FanOut): Promise<Page<Doc>> {
  const wanted = plan.skip + plan.limit;
  const results = await Promise.all(
    plan.branches.map(async (branch) => {
      const filter = { ...plan.shared, ...branch } as never;
      const [docs, count] = await Promise.all([
        collection
          .find(filter)
          .sort({ [plan.sortField]: plan.direction })
          .limit(wanted)
          .toArray(),
        collection.countDocuments(filter),
      ]);
      return { docs, count };
    }),
  );
  // MongoDB's order: the field's value, then _id on a tie (as pageOf and the list index sort)
  const key = (doc: Document) => [String(doc[plan.sortField]), String(doc._id)];
  const compare = (a: Document, b: Document) => {
    const [[fieldA, idA], [fieldB, idB]] = [key(a), key(b)];
    return plan.direction * (fieldA < fieldB ? -1 : fieldA > fieldB ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0);
  };
  const merged = results.flatMap((result) => result.docs).sort(compare);
  return {
    items: merged.slice(plan.skip, wanted) as Doc[],
    total: results.reduce((sum, result) => sum + result.count, 0),
    page: Math.floor(plan.skip / plan.limit) + 1,
    limit: plan.limit,
  };
}
