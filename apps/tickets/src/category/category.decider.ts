import { DomainError, type Decider } from '@itsm/domain';
import type { CategoryEvent } from '@itsm/contracts';

export type CategoryCommand = {
  type: 'create-category';
  categoryId: string;
  name: string;
  parentId: string | null;
  entityId: string;
  recursive: boolean;
  forIncidents: boolean;
  forRequests: boolean;
};

export interface CategoryState {
  categoryId: string | null;
}

function decide(command: CategoryCommand, state: CategoryState): CategoryEvent[] | DomainError {
  if (state.categoryId !== null) return new DomainError('conflict', `category ${command.categoryId} already exists`);
  const name = command.name.trim();
  if (!name) return new DomainError('invalid', 'name must not be empty');
  if (!command.forIncidents && !command.forRequests) {
    return new DomainError('invalid', 'a category is offered for incidents, requests or both');
  }
  const { type: _type, ...data } = command;
  return [{ type: 'category.created', data: { ...data, name } }];
}

export const categoryDecider: Decider<CategoryCommand, CategoryEvent, CategoryState> = {
  initialState: () => ({ categoryId: null }),
  decide,
  evolve: (state, event) => ({ ...state, categoryId: event.data.categoryId }),
  stateVersion: 1,
};

export const categoryStreamId = (categoryId: string): string => `category-${categoryId}`;
