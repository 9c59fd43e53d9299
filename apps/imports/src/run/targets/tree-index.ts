/** A node of a tree of names (a node, an ITIL category) usable in the run's entity. */
export interface KnownNode {
  id: string;
  name: string;
  parentId: string | null;
  comment: string | null;
}

/** A name as the owners' catalogues (assets', tickets') keep it: trimmed, single spaces. */
export const cleanName = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ');

/** A name as the owners compare them: cleaned, case folded. */
export const nameKey = (value: unknown): string => cleanName(value).toLocaleLowerCase('en');

/** Where a node stands in its tree: its parent and its name's key (assets' placeKey). */
export const placeOf = (name: unknown, parentId: string | null): string => `${parentId ?? ''}/${nameKey(name)}`;

/** A complete name's key: its names keyed, whatever the spaces around " > ". */
const completeKey = (value: unknown): string =>
  String(value ?? '')
    .split('>')
    .map(nameKey)
    .join(' > ');

/**
 * The tree a run finds its lines' items and parents in, as GLPI's trees of names (glpi_locations,
 * glpi_itilcategories: a name and a parent). A parent is named by its complete name ("Siège >
 * Bâtiment A") or by its name alone when no other node bears it. The first node of a place is
 * kept: the run's entity's own come before those of the entities above, the nearest first.
 */
export class TreeIndex {
  private readonly byPlace = new Map<string, KnownNode>();
  private readonly byName = new Map<string, KnownNode[]>();
  private readonly byComplete = new Map<string, KnownNode>();

  constructor(nodes: readonly KnownNode[]) {
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const completeOf = (node: KnownNode, seen = new Set<string>()): string => {
      const parent = node.parentId === null ? undefined : byId.get(node.parentId);
      // a parent the run's entity cannot use (or a loop) starts the path, as assets' tree shows it
      if (!parent || seen.has(parent.id)) return nameKey(node.name);
      return `${completeOf(parent, new Set([...seen, node.id]))} > ${nameKey(node.name)}`;
    };
    for (const node of nodes) {
      this.add(node);
      const complete = completeOf(node);
      if (!this.byComplete.has(complete)) this.byComplete.set(complete, node);
    }
  }

  /** The node at that place, or null. */
  at(name: unknown, parentId: string | null): KnownNode | null {
    return this.byPlace.get(placeOf(name, parentId)) ?? null;
  }

  /**
   * The id of the parent a line names: null for none (an empty cell), undefined when it names
   * nothing known, or a name two nodes share (their complete name tells them apart).
   */
  parentOf(value: unknown): string | null | undefined {
    if (cleanName(value) === '') return null;
    if (String(value).includes('>')) return this.byComplete.get(completeKey(value))?.id;
    const named = this.byName.get(nameKey(value)) ?? [];
    return named.length === 1 ? named[0].id : undefined;
  }

  /** Whether some node bears that name (wherever it stands). */
  bears(name: unknown): boolean {
    return (this.byName.get(nameKey(name)) ?? []).length > 0;
  }

  /** A node created during the run (a parent made by dropdown creation): at the top of the tree. */
  learn(name: string, id: string): void {
    const node = { id, name: cleanName(name), parentId: null, comment: null };
    this.add(node);
    this.byComplete.set(nameKey(name), node);
  }

  private add(node: KnownNode): void {
    const place = placeOf(node.name, node.parentId);
    if (this.byPlace.has(place)) return; // the nearest entity's first, as assets finds them
    this.byPlace.set(place, node);
    this.byName.set(nameKey(node.name), [...(this.byName.get(nameKey(node.name)) ?? []), node]);
  }
}
