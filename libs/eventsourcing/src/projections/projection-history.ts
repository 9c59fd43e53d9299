import type { EventActor, EventEnvelope } from '@itsm/contracts';
import type { Projection } from './projection';

/** One field as an event left it: GLPI's "Historique" line (field, old value → new value). */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  sequence: number;
  at: string;
  actor: EventActor;
  event: string;
  changes: FieldChange[];
}

/**
 * The history of one stream, for free from any projection: its document is folded event by event
 * and each event lists the top-level fields it changed, old and new. `hidden` fields (indexes,
 * bookkeeping, long lists shown elsewhere) are left out; an event that changed nothing else still
 * shows, with no change, so that who did what and when is complete.
 */
export function projectionHistory<Doc extends object>(
  projection: Pick<Projection<Doc>, 'handles' | 'apply'>,
  events: readonly EventEnvelope[],
  hidden: readonly string[] = [],
): HistoryEntry[] {
  const skipped = new Set(hidden);
  let doc: Doc | null = null;
  return events.map((event) => {
    const before = doc;
    if (projection.handles.has(event.type)) doc = projection.apply(doc, event);
    return {
      sequence: event.sequence,
      at: event.occurredAt,
      actor: event.actor,
      event: event.type,
      changes: changesBetween(before, doc, skipped),
    };
  });
}

function changesBetween(before: object | null, after: object | null, skipped: ReadonlySet<string>): FieldChange[] {
  const old = (before ?? {}) as Record<string, unknown>;
  const next = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((field) => !skipped.has(field));
  return fields
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(next[field]))
    .map((field) => ({ field, from: old[field] ?? null, to: next[field] ?? null }));
}
