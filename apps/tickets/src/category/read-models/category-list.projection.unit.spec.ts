import type { CategoryEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { categoryListProjection } from './category-list.projection';

const created: CategoryEvent = {
  type: 'category.created',
  data: {
    categoryId: 'c1',
    name: 'Panne matérielle',
    parentId: null,
    entityId: 'root',
    recursive: true,
    forIncidents: true,
    forRequests: false,
  },
};

describe('the category list', () => {
  it('given a category created, then it is listed as created', () => {
    expect(projectEvents(categoryListProjection, [created])).toEqual(created.data);
  });
});
