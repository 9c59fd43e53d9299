import type { CategoryEvent } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type CategoryListDoc = CategoryEvent['data'];

export const categoryListProjection = defineProjection<CategoryListDoc>({
  name: 'category_list',
  indexes: [{ keys: { categoryId: 1 }, options: { name: 'category', unique: true } }],
  handlers: {
    'category.created': (_current, { data }) => ({ ...data }),
  },
});
