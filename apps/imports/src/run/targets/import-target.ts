import type { Caller, EntityTree } from '@itsm/auth';
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
  /** the catalogue values the target can create when the model allows it (assets' dropdowns) */
  values?: ValueCreation;
}

/** A catalogue value a line names and the run's entity does not have (its name trimmed, single-spaced). */
export interface MissingValue {
  kind: string;
  name: string;
  /** the name as the catalogue compares it: one value per key */
  key: string;
}

/** Dropdown values created before the lines that name them, when the model allows it. */
export interface ValueCreation {
  missing(values: Readonly<Record<string, FieldValue>>): MissingValue[];
  /** the command that finds or creates the value in the entity */
  command(value: MissingValue, entityId: string): TargetCommand;
  /** the value is known from now on, the lines naming it resolve to it */
  learn(value: MissingValue, valueId: string): void;
}

/** A command for the owning service, built from one line's outcome. */
export interface TargetCommand {
  type: string;
  /** the command's version (1 when not said) */
  schemaVersion?: number;
  streamId: string;
  data: Record<string, unknown>;
}

/**
 * A dry run's caller as its token says, and the entity tree: an owner that refuses lines by the
 * caller's rights (identity's rules against escalation) is foreseen with them, as no command is sent.
 */
export interface RunForesight {
  caller: Caller;
  tree: EntityTree;
}

/** One importable type: where its data is read from, and the commands that write it. */
export interface ImportTarget {
  type: TargetType;
  /** the service owning the data: its command topic receives the lines */
  service: string;
  /** the link fields it can find existing items by, when not every linkable field of the type */
  linkable?: readonly string[];
  /** `foresight` in a dry run: the snapshot's commands then refuse what the owner would */
  snapshot(entityId: string, foresight?: RunForesight): Promise<TargetSnapshot>;
}

export const linkFieldsOf = (mapping: readonly MappedColumn[]): string[] =>
  mapping.filter((column) => column.linkField && column.field !== null).map((column) => column.field!);
