import { DomainError } from '@itsm/domain';
import { inventorySchemaViolation } from './inventory-schema';
import { normaliseInventory } from './inventory-content';
import type { NormalisedInventory } from './inventory.model';
import { parseXml, type XmlElement } from './xml-document';
import { text, type Fields } from './agent-values';

/** What an agent asks, whatever its protocol. */
export type AgentMessage =
  | { kind: 'prolog'; protocol: 'xml'; deviceId: string }
  | { kind: 'contact'; protocol: 'json'; deviceId: string; agentVersion: string | null; tag: string | null }
  | { kind: 'inventory'; protocol: 'xml' | 'json'; inventory: NormalisedInventory };

const invalid = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { errors: [{ field, message }] });

function deviceIdOf(fields: Fields, field: string): string {
  const deviceId = text(fields, field);
  if (!deviceId) throw invalid(field, 'the agent’s device id is required');
  if (deviceId.length > 255) throw invalid(field, 'longer than 255 characters');
  return deviceId;
}

/** FusionInventory 2.6: `<REQUEST>` with DEVICEID and QUERY PROLOG or INVENTORY (with CONTENT). */
function xmlMessage(body: string): AgentMessage {
  const { root, element } = parseXml(body);
  if (root !== 'request') throw invalid('REQUEST', `the root element must be REQUEST, not ${root.toUpperCase()}`);
  const deviceId = deviceIdOf(element, 'deviceid');
  const query = text(element, 'query')?.toUpperCase();
  if (query === 'PROLOG') return { kind: 'prolog', protocol: 'xml', deviceId };
  if (query !== 'INVENTORY') throw invalid('QUERY', `PROLOG or INVENTORY expected, not ${query ?? 'nothing'}`);
  const content = element.content;
  if (!content || typeof content !== 'object' || Array.isArray(content)) {
    throw invalid('CONTENT', 'an INVENTORY needs one CONTENT element');
  }
  return {
    kind: 'inventory',
    protocol: 'xml',
    inventory: normaliseInventory(content as XmlElement, { deviceId, format: 'fusioninventory-xml' }),
  };
}

function jsonOf(body: string): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw invalid('body', `not JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('body', 'a JSON object expected');
  return parsed as Fields;
}

/** GLPI Agent: `{"action":"contact"}` or an inventory validated against inventory_format's schema. */
function jsonMessage(body: string): AgentMessage {
  const message = jsonOf(body);
  const action = text(message, 'action') ?? 'inventory';
  if (action === 'contact') {
    return {
      kind: 'contact',
      protocol: 'json',
      deviceId: deviceIdOf(message, 'deviceid'),
      agentVersion: text(message, 'version') ?? null,
      tag: text(message, 'tag') ?? null,
    };
  }
  if (action !== 'inventory') throw invalid('action', `contact or inventory expected, not ${action}`);
  const violation = inventorySchemaViolation(message);
  if (violation) throw invalid(violation.field, violation.message);
  const itemtype = text(message, 'itemtype') ?? 'Computer';
  if (itemtype !== 'Computer') {
    throw new DomainError('rule', `itemtype: only computers are inventoried here, not ${itemtype}`, {
      errors: [{ field: 'itemtype', message: 'Computer expected' }],
    });
  }
  if (message.partial === true) {
    throw new DomainError('rule', 'partial: partial inventories are not taken yet; send a full one', {
      errors: [{ field: 'partial', message: 'a full inventory expected' }],
    });
  }
  const deviceId = deviceIdOf(message, 'deviceid');
  return {
    kind: 'inventory',
    protocol: 'json',
    inventory: normaliseInventory(message.content as Fields, {
      deviceId,
      format: 'glpi-json',
      tag: text(message, 'tag'),
    }),
  };
}

/** The agent's message from its (inflated) body: JSON when it starts with `{`, XML otherwise. */
export function readAgentMessage(body: string): AgentMessage {
  const start = body.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw invalid('body', 'empty');
  return start.startsWith('{') ? jsonMessage(start) : xmlMessage(start);
}
