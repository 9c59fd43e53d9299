import { definitionKey } from './event-definition';
import type { EventEnvelope } from './envelope';

/** Turns `data` of one version of a type into the next version's shape. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown, envelope: EventEnvelope): unknown;
}

export type UpcasterRegistry = ReadonlyMap<string, Upcaster>;

export function upcasterRegistry(upcasters: Upcaster[]): UpcasterRegistry {
  const registry = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = definitionKey(upcaster.type, upcaster.fromVersion);
    if (registry.has(key)) throw new Error(`two upcasters for ${key}`);
    registry.set(key, upcaster);
  }
  return registry;
}

/** Applies upcasters one version at a time until none is left for the event's version. */
export function upcast<E extends EventEnvelope>(envelope: E, registry: UpcasterRegistry): E {
  let current: E = envelope;
  for (;;) {
    const upcaster = registry.get(definitionKey(current.type, current.schemaVersion));
    if (!upcaster) return current;
    current = { ...current, schemaVersion: current.schemaVersion + 1, data: upcaster.upcast(current.data, current) };
  }
}

/** The version events of a type are written in: the one every upcaster of the type leads to. */
export function newestVersion(type: string, registry: UpcasterRegistry): number {
  let version = 1;
  while (registry.has(definitionKey(type, version))) version++;
  return version;
}
