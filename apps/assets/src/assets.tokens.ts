/** The service's validated settings (assets.env.ts), for the providers that need them. */
export const ASSETS_SETTINGS = Symbol('ASSETS_SETTINGS');

/** The agent inventory's validated settings (inventory/inventory.env.ts). */
export const INVENTORY_SETTINGS = Symbol('INVENTORY_SETTINGS');
