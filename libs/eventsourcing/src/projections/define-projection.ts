import type { ContractEvent, ContractEventType, DomainEvent, EventEnvelope } from '@itsm/contracts';
import type { Projection, ProjectionIndex } from './projection';

/** The envelope of one event type (of each, for a union of types), its data typed from the event union. */
export type EnvelopeOf<Event extends DomainEvent, Type extends Event['type']> = Type extends Event['type']
  ? EventEnvelope<Type, Extract<Event, { type: Type }>['data']>
  : never;

/** The next document after one event, or null to delete it. */
export type ProjectionHandler<Doc, Event extends DomainEvent, Type extends Event['type']> = (
  current: Doc | null,
  event: EnvelopeOf<Event, Type>,
) => Doc | null;

/** One handler per event type the projection reads, keyed by that type. */
export type ProjectionHandlers<Doc, Event extends DomainEvent = ContractEvent> = {
  [Type in Event['type']]?: ProjectionHandler<Doc, Event, Type>;
};

export interface ProjectionDefinition<Doc, Event extends DomainEvent = ContractEvent> {
  /** also the default collection name */
  name: string;
  handlers: ProjectionHandlers<Doc, Event>;
  indexes?: ProjectionIndex[];
}

type UntypedHandler<Doc> = (current: Doc | null, event: EventEnvelope) => Doc | null;

/**
 * A projection whose handled types are the keys of its handlers, each handler given its event
 * typed by that key. `Event` is the union the types come from: the published contracts by default.
 */
export function defineProjection<Doc extends object, Event extends DomainEvent = ContractEvent>(
  definition: ProjectionDefinition<Doc, Event>,
): Projection<Doc> {
  const { name, handlers, indexes } = definition;
  // the one place where an envelope off the wire meets its type: its `type` picks the handler
  const byType = handlers as Record<string, UntypedHandler<Doc> | undefined>;
  return {
    name,
    indexes,
    handles: new Set(Object.keys(handlers)),
    apply(current, event) {
      const handler = byType[event.type];
      return handler ? handler(current, event) : current;
    },
  };
}

/** The same handler for several event types: a fold over a whole family of events. */
export function handlersFor<Doc, Type extends ContractEventType>(
  types: readonly Type[],
  handler: ProjectionHandler<Doc, ContractEvent, Type>,
): { [Each in Type]: ProjectionHandler<Doc, ContractEvent, Each> } {
  const handlers = {} as { [Each in Type]: ProjectionHandler<Doc, ContractEvent, Each> };
  for (const type of types) handlers[type] = handler;
  return handlers;
}
