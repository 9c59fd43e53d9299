import { defineProjection } from '@itsm/eventsourcing';

/** An ITIL category as an import finds it: its place in the tree and where it may be used. */
export interface ImportCategoryDoc {
  categoryId: string;
  name: string;
  parentId: string | null;
  entityId: string;
  recursive: boolean;
}

/** The ITIL categories an import's lines are matched against, fed by itsm.tickets.events. */
export const importCategoriesProjection = defineProjection<ImportCategoryDoc>({
  name: 'import_itil_categories',
  indexes: [{ keys: { categoryId: 1 }, options: { name: 'category', unique: true } }],
  handlers: {
    'category.created': (_current, { data }) => ({
      categoryId: data.categoryId,
      name: data.name,
      parentId: data.parentId,
      entityId: data.entityId,
      recursive: data.recursive,
    }),
  },
});
