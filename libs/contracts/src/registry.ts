import { assetEvents } from './assets/assets.events';
import { softwareUpcasters } from './assets/software.events';
import type { ContextEvents } from './event-definition';
import { identityEvents } from './identity/identity.events';
import { importsEvents } from './imports/imports.events';
import { slaEvents, slaUpcasters } from './sla/sla.events';
import { ticketEvents, ticketUpcasters } from './tickets/tickets.events';
import { upcasterRegistry } from './upcasting';

/**
 * Every bounded context's published events. A service adds its context here when it publishes
 * its first event; `npm run contracts` then regenerates docs/asyncapi.yaml and the published lock.
 */
export const eventCatalogue: ContextEvents[] = [identityEvents, ticketEvents, slaEvents, assetEvents, importsEvents];

/** Upcasters of every context, applied when old versions are read back. */
export const upcasters = upcasterRegistry([...ticketUpcasters, ...slaUpcasters, ...softwareUpcasters]);
