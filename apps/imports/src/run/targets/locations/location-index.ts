/** A location usable in the run's entity: its own, or a recursive one of an entity above. */
export interface KnownLocation {
  valueId: string;
  name: string;
  parentId: string | null;
  comment: string | null;
}

/** A name as assets' catalogues keep it: trimmed, single spaces. */
export const cleanName = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ');

/** A name as assets' catalogues compare them (nameKey): cleaned, case folded. */
export const nameKey = (value: unknown): string => cleanName(value).toLocaleLowerCase('en');

/** Where a location stands in assets' tree: its parent and its name's key (assets' placeKey). */
export const placeOf = (name: unknown, parentId: string | null): string => `${parentId ?? ''}/${nameKey(name)}`;

/** A complete name's key: its names keyed, whatever the spaces around " > ". */
const completeKey = (value: unknown): string =>
  String(value ?? '')
    .split('>')
    .map(nameKey)
    .join(' > ');

/**
 * The locations a run finds its lines' locations and parents in, as GLPI's tree (glpi_locations:
 * name and parent, unique among siblings). A parent is named by its complete name ("Siège >
 * Bâtiment A") or by its name alone when no other location bears it.
 */
export class LocationIndex {
  private readonly byPlace = new Map<string, KnownLocation>();
  private readonly byName = new Map<string, KnownLocation[]>();
  private readonly byComplete = new Map<string, KnownLocation>();

  constructor(locations: readonly KnownLocation[]) {
    const byId = new Map(locations.map((location) => [location.valueId, location]));
    const completeOf = (location: KnownLocation, seen = new Set<string>()): string => {
      const parent = location.parentId === null ? undefined : byId.get(location.parentId);
      // a parent the run's entity cannot use (or a loop) starts the path, as assets' tree shows it
      if (!parent || seen.has(parent.valueId)) return nameKey(location.name);
      return `${completeOf(parent, new Set([...seen, location.valueId]))} > ${nameKey(location.name)}`;
    };
    for (const location of locations) {
      this.add(location);
      this.byComplete.set(completeOf(location), location);
    }
  }

  /** The location at that place, or null. */
  at(name: unknown, parentId: string | null): KnownLocation | null {
    return this.byPlace.get(placeOf(name, parentId)) ?? null;
  }

  /**
   * The id of the parent a line names: null for none (an empty cell), undefined when it names
   * nothing known, or a name two locations share (their complete name tells them apart).
   */
  parentOf(value: unknown): string | null | undefined {
    if (cleanName(value) === '') return null;
    if (String(value).includes('>')) return this.byComplete.get(completeKey(value))?.valueId;
    const named = this.byName.get(nameKey(value)) ?? [];
    return named.length === 1 ? named[0].valueId : undefined;
  }

  /** A location created during the run (a parent made by dropdown creation): at the top of the tree. */
  learn(name: string, valueId: string): void {
    const location = { valueId, name: cleanName(name), parentId: null, comment: null };
    this.add(location);
    this.byComplete.set(nameKey(name), location);
  }

  private add(location: KnownLocation): void {
    const place = placeOf(location.name, location.parentId);
    if (this.byPlace.has(place)) return; // the nearest entity's first, as assets finds them
    this.byPlace.set(place, location);
    this.byName.set(nameKey(location.name), [...(this.byName.get(nameKey(location.name)) ?? []), location]);
  }
}
