import { fieldsOf, type TargetField, type TargetType } from './target-fields';

/** A header as people write it: accents, case, punctuation and spacing do not count. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const keysOf = (target: TargetField): Set<string> =>
  new Set([target.labels.fr, target.labels.en, target.field, ...(target.aliases ?? [])].map(headerKey));

export interface ProposedColumn {
  column: string;
  /** null: nothing matched, the column is ignored until someone maps it */
  field: string | null;
}

/**
 * The mapping proposed from a sample file's header, as the plugin's model screen proposes it: each
 * column to the first field of the type whose French or English label (or a usual spelling) it
 * matches, the type's own fields before its connected ones, each field taken once.
 */
export function proposeMapping(type: TargetType, headers: readonly string[]): ProposedColumn[] {
  const candidates = fieldsOf(type).map((target) => ({ target, keys: keysOf(target) }));
  const taken = new Set<string>();
  return headers.map((column) => {
    const key = headerKey(column);
    const found = candidates.find(({ target, keys }) => !taken.has(target.field) && keys.has(key));
    if (found) taken.add(found.target.field);
    return { column, field: found?.target.field ?? null };
  });
}
