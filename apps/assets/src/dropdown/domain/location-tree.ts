export interface LocationValue {
  valueId: string;
  name: string;
  parentId: string | null;
  comment?: string | null;
}

export interface LocationNode extends LocationValue {
  /** GLPI's completename: the names from the root down, joined by " > " */
  completeName: string;
  children: LocationNode[];
}

/**
 * Locations as GLPI's tree dropdown shows them. A location whose parent the caller does not see
 * stands at the top, so that nothing visible is lost.
 */
export function locationTree<Value extends LocationValue>(values: Value[]): LocationNode[] {
  const known = new Set(values.map((value) => value.valueId));
  const childrenOf = new Map<string | null, Value[]>();
  for (const value of values) {
    const parent = value.parentId !== null && known.has(value.parentId) ? value.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), value]);
  }
  const build = (parentId: string | null, path: string[], seen: Set<string>): LocationNode[] =>
    (childrenOf.get(parentId) ?? [])
      .filter((value) => !seen.has(value.valueId))
      .map((value) => {
        const names = [...path, value.name];
        const { valueId, name } = value;
        const children = build(valueId, names, new Set([...seen, valueId]));
        const comment = value.comment ?? null;
        return { valueId, name, parentId: value.parentId, comment, completeName: names.join(' > '), children };
      });
  return build(null, [], new Set());
}
