import type { EventEnvelope, SoftwareEntry } from '@itsm/contracts';
import type { FieldChange } from '@itsm/eventsourcing';

type Named = { name?: string; mountPoint?: string; version?: string; kind?: string };
type AddedRemoved = { added: Named[]; removed: Named[] };

/** What an `asset.inventory-applied` event carries that history shows (its contract's data). */
interface InventoryChangesData {
  operatingSystem?: { from: Named | null; to: Named | null };
  software: {
    installed: SoftwareEntry[];
    removed: SoftwareEntry[];
    upgraded: Array<{ from: SoftwareEntry; to: SoftwareEntry }>;
  };
  components: AddedRemoved;
  volumes: AddedRemoved;
  networkPorts: AddedRemoved;
  addresses: { added: Array<{ port: string; address: string }>; removed: Array<{ port: string; address: string }> };
}

const software = ({ name, version }: SoftwareEntry) => (version ? `${name} ${version}` : name);
const named = (item: Named | null) => (item ? [item.name, item.version].filter(Boolean).join(' ') || null : null);

/** Added items as `from null`, removed ones as `to null`, under one field name. */
const addedRemoved = <Item>(
  field: string,
  { added, removed }: { added: Item[]; removed: Item[] },
  label: (item: Item) => string | null,
) => [
  ...removed.map((item) => ({ field, from: label(item), to: null })),
  ...added.map((item) => ({ field, from: null, to: label(item) })),
];

/**
 * GLPI's history lines of an inventory: each software installed, removed or upgraded, each
 * component, volume, network port and address added or removed, and the operating system's
 * change, one line each (field, old → new). Free space and "seen" are not history.
 */
export function inventoryChanges(event: Pick<EventEnvelope, 'type' | 'data'>): FieldChange[] {
  if (event.type === 'asset.operating-system-set') {
    // a person (an import) gave the computer its operating system
    const { operatingSystem } = event.data as { operatingSystem: Named };
    return [{ field: 'operatingSystem', from: null, to: named(operatingSystem) }];
  }
  if (event.type !== 'asset.inventory-applied') return [];
  const data = event.data as InventoryChangesData;
  const lines: FieldChange[] = [];
  if (data.operatingSystem) {
    lines.push({
      field: 'operatingSystem',
      from: named(data.operatingSystem.from),
      to: named(data.operatingSystem.to),
    });
  }
  lines.push(
    ...data.software.removed.map((entry) => ({ field: 'software', from: software(entry), to: null })),
    ...data.software.upgraded.map(({ from, to }) => ({ field: 'software', from: software(from), to: software(to) })),
    ...data.software.installed.map((entry) => ({ field: 'software', from: null, to: software(entry) })),
  );
  lines.push(
    ...addedRemoved('component', data.components, (item) => `${item.kind}: ${named(item) ?? '?'}`),
    ...addedRemoved('volume', data.volumes, (item) => item.mountPoint ?? null),
    ...addedRemoved('networkPort', data.networkPorts, (item) => item.name ?? null),
    ...addedRemoved('address', data.addresses, (item) => `${item.port} ${item.address}`),
  );
  return lines;
}
