import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from './schema/inventory.schema.json';

// GLPI Agent's JSON inventories are checked against glpi-project/inventory_format's schema
// (vendored beside this file, MIT), compiled once.
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The first violation of the schema, named by its place ("content/memories/0/capacity"), if any. */
export function inventorySchemaViolation(message: unknown): { field: string; message: string } | undefined {
  if (validate(message)) return undefined;
  const [first] = validate.errors ?? [];
  if (!first) return { field: 'body', message: 'does not match the inventory schema' };
  const field = first.instancePath.replace(/^\//, '') || 'body';
  const where = first.keyword === 'required' ? `${field}/${String(first.params.missingProperty)}` : field;
  return { field: where, message: `${first.message ?? 'invalid'} (inventory_format schema)` };
}
