/** The ProjectionStore of the entity tree: identity applies its entity events to it inline as well. */
export const ENTITY_TREE_STORE = Symbol('ENTITY_TREE_STORE');

/** The ProjectionStore of the access revocations: identity applies its user events to it inline as well. */
export const ACCESS_REVOCATION_STORE = Symbol('ACCESS_REVOCATION_STORE');
