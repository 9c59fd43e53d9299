// What the server answers each agent message. FusionInventory reads any `<REPLY>`; SEND with
// PROLOG_FREQ (hours) asks for the inventory. GLPI Agent reads `status` and `expiration` (hours).

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';

export const prologReply = (prologFrequencyHours: number): string =>
  `${xmlDeclaration}<REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>${prologFrequencyHours}</PROLOG_FREQ></REPLY>`;

export const inventoryReply = (): string => `${xmlDeclaration}<REPLY><RESPONSE>no_update</RESPONSE></REPLY>`;

const escapeXml = (value: string): string => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A refusal FusionInventory logs: its message is data from the request, escaped. */
export const xmlError = (message: string): string =>
  `${xmlDeclaration}<REPLY><ERROR>${escapeXml(message)}</ERROR></REPLY>`;

export const contactAnswer = (expirationHours: number): string =>
  JSON.stringify({ status: 'ok', expiration: expirationHours, tasks: { inventory: {} } });

export const jsonOk = (): string => JSON.stringify({ status: 'ok' });

export const jsonError = (message: string): string => JSON.stringify({ status: 'error', message });
