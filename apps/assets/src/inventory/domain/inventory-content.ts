import type { NetworkPort, OperatingSystem, SoftwareEntry, Volume } from '@itsm/contracts';
import { count, day, defined, item, items, mac, serial, text, yes, type Fields } from './agent-values';
import { sortComponents, sortPorts, sortSoftware, sortVolumes } from './composition-keys';
import { componentsOf } from './components';
import type { Composition, InventoriedFields, NormalisedInventory } from './inventory.model';

// One reading of the inventory sections for both protocols: FusionInventory's XML tree (tags
// lower-cased, every value text) and GLPI Agent's JSON content (the schema's lower-case twins).

function operatingSystemOf(content: Fields): OperatingSystem | null {
  const os = item(content.operatingsystem);
  const hardware = item(content.hardware);
  const name = text(os, 'full_name', 'name') ?? text(hardware, 'osname');
  if (!name) return null;
  const kernel = [text(os, 'kernel_name'), text(os, 'kernel_version') ?? text(hardware, 'osversion')]
    .filter(Boolean)
    .join(' ');
  return defined({
    name,
    version: text(os, 'version'),
    edition: text(os, 'service_pack', 'edition'),
    architecture: text(os, 'arch'),
    kernel: kernel || undefined,
    installDate: day(os, 'install_date', 'day-first'),
  });
}

function volumesOf(content: Fields): Volume[] {
  const volumes = items(content.drives)
    .map((drive) =>
      defined({
        mountPoint: text(drive, 'type', 'letter') ?? '',
        device: text(drive, 'volumn'),
        fileSystem: text(drive, 'filesystem'),
        totalMb: count(drive, 'total'),
        freeMb: count(drive, 'free'),
      }),
    )
    .filter((volume) => volume.mountPoint !== '');
  return sortVolumes(volumes);
}

/** An interface is listed once per address by the agents: gathered into one port with its addresses. */
function networkPortsOf(content: Fields): NetworkPort[] {
  const ports = new Map<string, NetworkPort & { addresses: string[] }>();
  for (const network of items(content.networks)) {
    const name = text(network, 'description');
    if (!name) continue;
    const port =
      ports.get(name) ??
      defined({
        name,
        mac: mac(network, 'mac', 'macaddr'),
        type: text(network, 'type')?.toLowerCase(),
        virtual: yes(network, 'virtualdev') ?? false,
        addresses: [] as string[],
      });
    ports.set(name, port);
    for (const address of [text(network, 'ipaddress'), text(network, 'ipaddress6')]) {
      if (address && !port.addresses.includes(address)) port.addresses.push(address);
    }
  }
  return sortPorts([...ports.values()].map((port) => ({ ...port, addresses: port.addresses.sort() })));
}

function softwareOf(content: Fields): SoftwareEntry[] {
  const seen = new Set<string>();
  const software: SoftwareEntry[] = [];
  for (const entry of items(content.softwares)) {
    const name = text(entry, 'name');
    if (!name) continue;
    const one = defined({
      name,
      version: text(entry, 'version') ?? '',
      publisher: text(entry, 'publisher'),
      installDate: day(entry, 'install_date', 'day-first') ?? day(entry, 'installdate', 'day-first'),
      arch: text(entry, 'arch'),
    });
    const key = JSON.stringify([one.name, one.version, one.arch]);
    if (seen.has(key)) continue; // the same package listed twice (32/64-bit registry views) is one
    seen.add(key);
    software.push(one);
  }
  return sortSoftware(software);
}

function fieldsOf(content: Fields): InventoriedFields {
  const hardware = item(content.hardware);
  const bios = item(content.bios);
  const virtual = text(hardware, 'vmsystem');
  return defined({
    name: text(hardware, 'name'),
    serial: serial(bios, 'ssn', 'msn'),
    uuid: text(hardware, 'uuid')?.toLowerCase(),
    manufacturer: text(bios, 'smanufacturer', 'mmanufacturer'),
    model: text(bios, 'smodel', 'mmodel'),
    type: text(hardware, 'chassis_type') ?? (virtual && virtual !== 'Physical' ? 'Virtual Machine' : undefined),
  });
}

/** The tag, from the agent's ACCOUNTINFO (TAG) when the envelope has none. */
export function tagOf(content: Fields): string | undefined {
  const tag = items(content.accountinfo).find((info) => text(info, 'keyname')?.toUpperCase() === 'TAG');
  return tag ? text(tag, 'keyvalue') : undefined;
}

export function compositionOf(content: Fields): Composition {
  return {
    operatingSystem: operatingSystemOf(content),
    components: sortComponents(componentsOf(content)),
    volumes: volumesOf(content),
    networkPorts: networkPortsOf(content),
    software: softwareOf(content),
  };
}

/** The normalised inventory of one agent's content. */
export function normaliseInventory(
  content: Fields,
  envelope: Pick<NormalisedInventory, 'deviceId' | 'format'> & { tag?: string },
): NormalisedInventory {
  const composition = compositionOf(content);
  const macs = composition.networkPorts
    .filter((port) => !port.virtual && port.mac)
    .map((port) => port.mac as string)
    .sort();
  return {
    deviceId: envelope.deviceId,
    format: envelope.format,
    agentVersion: text(content, 'versionclient') ?? null,
    tag: envelope.tag ?? tagOf(content) ?? null,
    fields: fieldsOf(content),
    macs: [...new Set(macs)],
    composition,
  };
}
