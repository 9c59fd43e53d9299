/** The ProjectionStore of the entity tree: identity applies its entity events to it inline as well. */
export const ENTITY_TREE_STORE = Symbol('ENTITY_TREE_STORE');
