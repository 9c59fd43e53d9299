/** The service's validated settings (assets.env.ts), for the providers that need them. */
export const ASSETS_SETTINGS = Symbol('ASSETS_SETTINGS');
