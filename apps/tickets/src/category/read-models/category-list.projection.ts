import type { CategoryEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export type CategoryListDoc = CategoryEvent['data'];

export const categoryListProjection: Projection<CategoryListDoc> = {
  name: 'category_list',
  handles: new Set(['category.created']),
  indexes: [{ keys: { categoryId: 1 }, options: { name: 'category', unique: true } }],
  apply: (_current, envelope) => ({ ...(envelope.data as CategoryListDoc) }),
};
