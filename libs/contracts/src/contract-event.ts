import type { AssetsContextEvent } from './assets/assets.events';
import type { IdentityEvent } from './identity/identity.events';
import type { ImportModelEvent, ImportRunEvent } from './imports/imports.events';
import type { SlaContextEvent } from './sla/sla.events';
import type { CategoryEvent, TicketEvent } from './tickets/tickets.events';

/** Every published event of every context: a consumer finds an event's data by its type here. */
export type ContractEvent =
  | IdentityEvent
  | TicketEvent
  | CategoryEvent
  | SlaContextEvent
  | ImportModelEvent
  | ImportRunEvent
  | AssetsContextEvent;

export type ContractEventType = ContractEvent['type'];
