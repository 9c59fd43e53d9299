import type { EntityRule, ImportCriterion, ImportRule } from '@itsm/contracts';
import type { NormalisedInventory } from './inventory.model';

/** GLPI's default "import and link" order: serial + UUID, serial, UUID, MAC address, name. */
export const defaultImportRules: ImportRule[] = [
  { name: 'Serial number and UUID', criteria: ['serial', 'uuid'] },
  { name: 'Serial number', criteria: ['serial'] },
  { name: 'UUID', criteria: ['uuid'] },
  { name: 'MAC address', criteria: ['mac'] },
  { name: 'Name', criteria: ['name'] },
];

/** What one rule looks a computer up by: every criterion with the inventory's value. */
export interface ComputerLookup {
  rule: string;
  serial?: string;
  uuid?: string;
  /** any of these MAC addresses */
  macs?: string[];
  /** compared case-insensitively */
  name?: string;
}

function valueOf(inventory: NormalisedInventory, criterion: ImportCriterion): Partial<ComputerLookup> | undefined {
  if (criterion === 'mac') return inventory.macs.length > 0 ? { macs: inventory.macs } : undefined;
  const value = inventory.fields[criterion];
  return value ? { [criterion]: value } : undefined;
}

/**
 * The lookups to try in order: a rule whose criteria the inventory lacks (no serial, say) is
 * skipped, as GLPI does; the first lookup that finds a computer links the inventory to it.
 */
export function lookupsFor(inventory: NormalisedInventory, rules: ImportRule[]): ComputerLookup[] {
  return rules.flatMap((rule) => {
    const parts = rule.criteria.map((criterion) => valueOf(inventory, criterion));
    if (rule.criteria.length === 0 || parts.some((part) => part === undefined)) return [];
    return [Object.assign({ rule: rule.name }, ...parts) as ComputerLookup];
  });
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  if (bytes.some((byte) => !(byte >= 0 && byte <= 255))) return undefined;
  return bytes.reduce((sum, byte) => sum * 256 + byte, 0);
}

/** Whether an IPv4 address lies in a CIDR range ("10.1.0.0/16"). */
export function inRange(address: string, range: string): boolean {
  const [base, bits] = range.split('/');
  const [ip, start] = [ipv4ToNumber(address.replace(/^::ffff:/, '')), ipv4ToNumber(base)];
  const width = bits === undefined ? 32 : Number(bits);
  if (ip === undefined || start === undefined || !(width >= 0 && width <= 32)) return false;
  const size = 2 ** (32 - width);
  return Math.floor(ip / size) === Math.floor(start / size);
}

export function validRange(range: string): boolean {
  const [base, bits, extra] = range.split('/');
  return (
    extra === undefined && ipv4ToNumber(base) !== undefined && (bits === undefined || /^(\d|[12]\d|3[0-2])$/.test(bits))
  );
}

/**
 * The entity of a new computer: the first entity rule whose criteria all match (the agent's tag;
 * a range holding the agent's address or one of the computer's); else the default entity.
 */
export function entityFor(
  inventory: Pick<NormalisedInventory, 'tag' | 'composition'>,
  agentAddress: string | undefined,
  rules: EntityRule[],
  defaultEntityId: string,
): string {
  const addresses = [
    ...(agentAddress ? [agentAddress] : []),
    ...inventory.composition.networkPorts.filter((port) => !port.virtual).flatMap((port) => port.addresses),
  ];
  const matches = (rule: EntityRule): boolean =>
    (rule.tag !== undefined || rule.ipRange !== undefined) &&
    (rule.tag === undefined || rule.tag === inventory.tag) &&
    (rule.ipRange === undefined || addresses.some((address) => inRange(address, rule.ipRange as string)));
  const match = rules.find(matches);
  return match?.entityId ?? defaultEntityId;
}
