import type { Component } from '@itsm/contracts';
import { count, day, defined, item, items, mac, serial, text, yes, type Fields } from './agent-values';

// The components of a computer from its inventory sections (lower-case keys, XML or JSON).

const withName = (component: Partial<Component>): component is Component => Boolean(component.name);

function processors(content: Fields): Partial<Component>[] {
  return items(content.cpus).map((cpu) =>
    defined({
      kind: 'processor' as const,
      name: text(cpu, 'name', 'type'),
      manufacturer: text(cpu, 'manufacturer'),
      serial: serial(cpu, 'serial'),
      cores: count(cpu, 'core', 'corecount'),
      threads: count(cpu, 'thread'),
      speedMhz: count(cpu, 'speed'),
    }),
  );
}

function memoryModules(content: Fields): Partial<Component>[] {
  return items(content.memories)
    .filter((module) => (count(module, 'capacity') ?? 0) > 0)
    .map((module) =>
      defined({
        kind: 'memory' as const,
        name: text(module, 'caption', 'description') ?? 'Memory',
        manufacturer: text(module, 'manufacturer'),
        model: text(module, 'model'),
        serial: serial(module, 'serialnumber'),
        capacityMb: count(module, 'capacity'),
        type: text(module, 'type'),
        speedMhz: count(module, 'speed'),
        slot: text(module, 'numslots'),
      }),
    );
}

function disks(content: Fields): Partial<Component>[] {
  return items(content.storages).map((disk) =>
    defined({
      kind: 'disk' as const,
      name: text(disk, 'name', 'model', 'description'),
      manufacturer: text(disk, 'manufacturer'),
      model: text(disk, 'model'),
      serial: serial(disk, 'serial', 'serialnumber'),
      sizeMb: count(disk, 'disksize'),
      type: text(disk, 'interface', 'type'),
      version: text(disk, 'firmware'),
    }),
  );
}

/** One card per physical interface: its several addresses are the port's, not the card's. */
function networkCards(content: Fields): Partial<Component>[] {
  const cards = new Map<string, Partial<Component>>();
  for (const network of items(content.networks)) {
    const address = mac(network, 'mac', 'macaddr');
    if (!address || yes(network, 'virtualdev')) continue;
    cards.set(
      address,
      defined({
        kind: 'network-card' as const,
        name: text(network, 'description'),
        manufacturer: text(network, 'manufacturer'),
        model: text(network, 'model', 'driver'),
        mac: address,
      }),
    );
  }
  return [...cards.values()];
}

function graphicsCards(content: Fields): Partial<Component>[] {
  return items(content.videos).map((video) =>
    defined({
      kind: 'graphics-card' as const,
      name: text(video, 'name', 'chipset'),
      model: text(video, 'chipset'),
      capacityMb: count(video, 'memory'),
    }),
  );
}

function batteries(content: Fields): Partial<Component>[] {
  return items(content.batteries).map((battery) =>
    defined({
      kind: 'battery' as const,
      name: text(battery, 'name'),
      manufacturer: text(battery, 'manufacturer'),
      serial: serial(battery, 'serial'),
      capacityMwh: count(battery, 'capacity'),
      type: text(battery, 'chemistry'),
      date: day(battery, 'date', 'month-first'),
    }),
  );
}

function firmware(content: Fields): Partial<Component>[] {
  const bios = item(content.bios);
  const biosFirmware = text(bios, 'bversion', 'bmanufacturer')
    ? [
        defined({
          kind: 'firmware' as const,
          name: 'BIOS',
          manufacturer: text(bios, 'bmanufacturer'),
          version: text(bios, 'bversion'),
          date: day(bios, 'bdate', 'month-first'),
          serial: serial(bios, 'biosserial'),
        }),
      ]
    : [];
  const others = items(content.firmwares).map((one) =>
    defined({
      kind: 'firmware' as const,
      name: text(one, 'name', 'description'),
      manufacturer: text(one, 'manufacturer'),
      version: text(one, 'version'),
      type: text(one, 'type'),
      date: day(one, 'date', 'month-first'),
    }),
  );
  return [...biosFirmware, ...others];
}

function monitors(content: Fields): Partial<Component>[] {
  return items(content.monitors).map((monitor) =>
    defined({
      kind: 'monitor' as const,
      name: text(monitor, 'name', 'caption', 'description'),
      manufacturer: text(monitor, 'manufacturer'),
      serial: serial(monitor, 'serial', 'altserial'),
    }),
  );
}

function printers(content: Fields): Partial<Component>[] {
  return items(content.printers).map((printer) =>
    defined({
      kind: 'printer' as const,
      name: text(printer, 'name'),
      model: text(printer, 'driver'),
      serial: serial(printer, 'serial'),
      slot: text(printer, 'port'),
    }),
  );
}

// USB class 9 is a hub: part of the machine, not a peripheral someone plugged in
const usbHubClass = '9';

function peripherals(content: Fields): Partial<Component>[] {
  const usb = items(content.usbdevices)
    .filter((device) => text(device, 'class') !== usbHubClass)
    .map((device) =>
      defined({
        kind: 'peripheral' as const,
        name: text(device, 'name', 'caption') ?? `USB ${text(device, 'vendorid')}:${text(device, 'productid')}`,
        manufacturer: text(device, 'manufacturer'),
        serial: serial(device, 'serial'),
        type: 'usb',
      }),
    );
  const inputs = items(content.inputs).map((input) =>
    defined({
      kind: 'peripheral' as const,
      name: text(input, 'name', 'caption', 'description'),
      manufacturer: text(input, 'manufacturer'),
      type: text(input, 'type') ?? 'input',
    }),
  );
  return [...usb, ...inputs];
}

function virtualMachines(content: Fields): Partial<Component>[] {
  return items(content.virtualmachines).map((vm) =>
    defined({
      kind: 'virtual-machine' as const,
      name: text(vm, 'name'),
      uuid: text(vm, 'uuid'),
      status: text(vm, 'status'),
      type: text(vm, 'vmtype'),
      model: text(vm, 'subsystem'),
      capacityMb: count(vm, 'memory'),
      cores: count(vm, 'vcpu'),
    }),
  );
}

function antivirus(content: Fields): Partial<Component>[] {
  return items(content.antivirus).map((product) =>
    defined({
      kind: 'antivirus' as const,
      name: text(product, 'name'),
      manufacturer: text(product, 'company'),
      version: text(product, 'version'),
      enabled: yes(product, 'enabled'),
      upToDate: yes(product, 'uptodate'),
    }),
  );
}

const readers = [
  processors,
  memoryModules,
  disks,
  networkCards,
  graphicsCards,
  batteries,
  firmware,
  monitors,
  printers,
  peripherals,
  virtualMachines,
  antivirus,
];

/** Every component the inventory lists, those without a name left out. */
export function componentsOf(content: Fields): Component[] {
  return readers.flatMap((read) => read(content)).filter(withName);
}
