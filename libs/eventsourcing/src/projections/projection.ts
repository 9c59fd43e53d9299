import type { EventEnvelope } from '@itsm/contracts';
import type { CreateIndexesOptions, IndexSpecification } from 'mongodb';

/** A read model fed by events: pure functions, one document per stream. */
export interface Projection<Doc extends object> {
  /** also the default collection name */
  name: string;
  /** the event types it reads; others are skipped */
  handles: ReadonlySet<string>;
  /** the next document, or null to delete it */
  apply(current: Doc | null, event: EventEnvelope): Doc | null;
  /** indexes the read model's queries need */
  indexes?: ProjectionIndex[];
}

export interface ProjectionIndex {
  keys: IndexSpecification;
  options?: CreateIndexesOptions;
}

/** What a read-model document carries besides the projection's own fields. */
export interface ProjectedFields {
  _id: string;
  /** sequence of the last event applied: older or equal events are skipped */
  _sequence: number;
}
