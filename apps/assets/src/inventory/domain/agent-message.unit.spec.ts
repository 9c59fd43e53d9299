import { deflateSync } from 'node:zlib';
import { isDomainError } from '@itsm/domain';
import { decodeBody } from './body-encoding';
import { readAgentMessage, type AgentMessage } from './agent-message';
import { fusionInventoryInventory, fusionInventoryProlog, glpiAgentExample } from '../test-support/agent-fixtures';

function refusal(body: string): { code: string; message: string } {
  try {
    readAgentMessage(body);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

const inventoryOf = (message: AgentMessage) => {
  if (message.kind !== 'inventory') throw new Error(`an inventory expected, got ${message.kind}`);
  return message.inventory;
};

describe('agent messages', () => {
  describe('FusionInventory 2.6 XML, as the real agent sent it', () => {
    it('reads the PROLOG with its device id', () => {
      expect(readAgentMessage(fusionInventoryProlog())).toEqual({
        kind: 'prolog',
        protocol: 'xml',
        deviceId: 'vm-2026-12-03-22-46-25',
      });
    });

    it('reads the inventory into the computer, its composition and its software', () => {
      const inventory = inventoryOf(readAgentMessage(fusionInventoryInventory()));
      expect(inventory).toMatchObject({
        deviceId: 'vm-2026-12-03-22-46-25',
        format: 'fusioninventory-xml',
        agentVersion: 'FusionInventory-Agent_v2.6-3',
        tag: 'demo-tag',
        fields: { name: 'vm', type: 'Virtual Machine' },
      });
      const { composition } = inventory;
      expect(composition.operatingSystem).toEqual({
        name: 'Debian GNU/Linux 12 (bookworm)',
        version: '12.11',
        architecture: 'x86_64',
        kernel: 'linux 6.18.44-fc-v1147',
      });
      expect(composition.software).toHaveLength(773);
      expect(composition.software[0]).toEqual({ name: 'adduser', version: '3.134', publisher: 'Debian', arch: 'all' });
      expect(composition.components).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'processor', name: 'AMD EPYC', manufacturer: 'AMD', cores: 2 }),
          expect.objectContaining({ kind: 'disk', name: 'vda', sizeMb: 274877 }),
          expect.objectContaining({ kind: 'network-card', name: 'eth0', mac: '02:fc:00:00:00:01' }),
        ]),
      );
      expect(composition.volumes).toEqual([
        { mountPoint: '/', device: '/dev/vda', fileSystem: 'ext4', totalMb: 258019, freeMb: 76508 },
      ]);
      expect(composition.networkPorts.find((port) => port.name === 'eth0')).toEqual({
        name: 'eth0',
        mac: '02:fc:00:00:00:01',
        type: 'ethernet',
        virtual: false,
        addresses: ['192.0.2.2', 'fd00::2', 'fe80::fc:ff:fe00:1'],
      });
      expect(inventory.macs).toEqual(['02:fc:00:00:00:01']);
    });

    it('reads the same inventory zlib-compressed, as the agent posts it', () => {
      const body = deflateSync(Buffer.from(fusionInventoryInventory()));
      const { text, encoding } = decodeBody(body, 10_000_000);
      expect(encoding).toBe('zlib');
      expect(inventoryOf(readAgentMessage(text)).composition.software).toHaveLength(773);
    });
  });

  describe('GLPI Agent JSON (inventory_format example)', () => {
    it('reads a valid inventory: fields, OS, components, volumes, ports and software', () => {
      const inventory = inventoryOf(readAgentMessage(JSON.stringify({ ...glpiAgentExample(), action: 'inventory' })));
      expect(inventory).toMatchObject({
        deviceId: 'glpixps-2018-07-09-09-07-13',
        format: 'glpi-json',
        tag: '000005',
        fields: {
          name: 'glpixps',
          serial: '640HP72',
          uuid: '4c4c4544-0034-3010-8048-b6c04f503732',
          manufacturer: 'Dell Inc.',
          model: 'XPS 13 9350',
          type: 'Laptop',
        },
        macs: ['00:e0:4c:68:01:db', '44:85:00:2b:90:bc'],
      });
      const { composition } = inventory;
      expect(composition.operatingSystem).toMatchObject({
        name: 'Fedora 31 (Workstation Edition)',
        architecture: 'x86_64',
      });
      const kinds = composition.components.map((component) => component.kind);
      for (const kind of [
        'processor',
        'memory',
        'disk',
        'network-card',
        'battery',
        'firmware',
        'monitor',
        'printer',
        'peripheral',
      ]) {
        expect(kinds).toContain(kind);
      }
      expect(composition.components.filter((component) => component.kind === 'memory')).toHaveLength(2);
      expect(composition.volumes.map((volume) => volume.mountPoint)).toEqual(['/', '/boot', '/boot/efi', '/var/www']);
      expect(composition.software).toContainEqual({
        name: 'gitg',
        version: '3.32.1-1.fc31',
        publisher: 'Fedora Project',
        installDate: '2019-12-19',
        arch: 'x86_64',
      });
    });

    it('answers a CONTACT with the device id, version and tag', () => {
      const contact = { action: 'contact', deviceid: 'pc-1', name: 'GLPI-Agent', version: '1.12', tag: 'paris' };
      expect(readAgentMessage(JSON.stringify(contact))).toEqual({
        kind: 'contact',
        protocol: 'json',
        deviceId: 'pc-1',
        agentVersion: '1.12',
        tag: 'paris',
      });
    });

    it('refuses an inventory that breaks the schema, naming the violation', () => {
      const example = glpiAgentExample() as { content: { memories: Array<Record<string, unknown>> } };
      example.content.memories[0].capacity = '4096';
      expect(refusal(JSON.stringify(example))).toEqual({
        code: 'invalid',
        message: 'content/memories/0/capacity: must be integer (inventory_format schema)',
      });
    });

    it('refuses an inventory without content, naming what is missing', () => {
      expect(refusal(JSON.stringify({ deviceid: 'pc-1', action: 'inventory' })).message).toBe(
        "body/content: must have required property 'content' (inventory_format schema)",
      );
    });
  });

  describe('hostile or broken input', () => {
    it('refuses a PROLOG without a device id', () => {
      expect(refusal('<REQUEST><QUERY>PROLOG</QUERY></REQUEST>')).toEqual({
        code: 'invalid',
        message: 'deviceid: the agent’s device id is required',
      });
    });

    it('never expands an entity declared in the body (billion laughs)', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>' +
        '<REQUEST><DEVICEID>&lol2;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>';
      expect(refusal(laughs)).toEqual({
        code: 'invalid',
        message: 'the XML body is refused: a DOCTYPE (and so entity declarations) is not accepted',
      });
    });

    it('never reads an external entity (XXE)', () => {
      const xxe =
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<REQUEST><DEVICEID>&xxe;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>';
      expect(refusal(xxe).code).toBe('invalid');
      expect(refusal(xxe).message).not.toContain('root:');
    });

    it('refuses an undeclared entity and malformed XML', () => {
      expect(refusal('<REQUEST><DEVICEID>&xxe;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>').message).toContain(
        'undefined entity',
      );
      expect(refusal('<REQUEST><DEVICEID>pc</REQUEST>').code).toBe('invalid');
    });

    it('decodes the predefined entities and character references in values', () => {
      const message = readAgentMessage(
        '<REQUEST><DEVICEID>R&amp;D &#233;t&#xE9;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>',
      );
      expect(message).toMatchObject({ deviceId: 'R&D été' });
    });

    it('refuses a query it does not know and a root that is not REQUEST', () => {
      expect(refusal('<REQUEST><DEVICEID>pc</DEVICEID><QUERY>SNMPQUERY</QUERY></REQUEST>').message).toBe(
        'QUERY: PROLOG or INVENTORY expected, not SNMPQUERY',
      );
      expect(refusal('<REPLY><RESPONSE>SEND</RESPONSE></REPLY>').message).toBe(
        'REQUEST: the root element must be REQUEST, not REPLY',
      );
    });

    it('refuses JSON that does not parse', () => {
      expect(refusal('{"deviceid": ').code).toBe('invalid');
    });
  });
});
