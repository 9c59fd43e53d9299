import type { DomainError } from '@itsm/domain';
import type { MappedColumn } from '../../model/domain/model-mapping';
import type { TargetType } from '../../model/domain/target-fields';
import type { ExistingItem } from '../domain/line-outcome';
import type { FieldValue } from '../domain/line-values';

/** What a run knows of the target's data, loaded once at its start from the importer's read models. */
export interface TargetSnapshot {
  /** the item the line's link field values find (all of them, ANDed, as the plugin does), or null */
  match(values: Readonly<Record<string, FieldValue>>, linkFields: readonly string[]): ExistingItem | null;
  /** the fields of the line whose value names nothing known (a group, a profile, a dropdown value) */
  notFound(values: Readonly<Record<string, FieldValue>>): string[];
  /** the command for a creation or an update, names resolved to ids; a DomainError when the target cannot do it */
  command(
    action: 'create' | 'update',
    itemId: string | null,
    fields: Readonly<Record<string, FieldValue>>,
    entityId: string,
  ): TargetCommand | DomainError;
}

/** A command for the owning service, built from one line's outcome. */
export interface TargetCommand {
  type: string;
  streamId: string;
  data: Record<string, unknown>;
}

/** One importable type: where its data is read from, and the commands that write it. */
export interface ImportTarget {
  type: TargetType;
  /** the service owning the data: its command topic receives the lines */
  service: string;
  snapshot(entityId: string): Promise<TargetSnapshot>;
}

export const linkFieldsOf = (mapping: readonly MappedColumn[]): string[] =>
  mapping.filter((column) => column.linkField && column.field !== null).map((column) => column.field!);
