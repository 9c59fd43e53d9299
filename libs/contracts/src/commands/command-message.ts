import { MAX_COMMANDS_PER_MESSAGE, type CommandEnvelope } from './command-envelope';

/** A message that breaks the envelope contract: no command of it can ever run. */
export class InvalidCommandMessageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMMAND_TYPE = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** One envelope or a batch (a JSON array of envelopes) as the sender's messages carry them. */
export function encodeCommands(commands: CommandEnvelope | CommandEnvelope[]): string {
  return JSON.stringify(commands);
}

/**
 * The commands of one Kafka message, in order. A batch is all or nothing: one broken envelope
 * makes the whole message invalid, so that no batch runs half.
 */
export function decodeCommands(value: string): CommandEnvelope[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidCommandMessageError('not JSON');
  }
  const commands = Array.isArray(parsed) ? parsed : [parsed];
  if (commands.length === 0) throw new InvalidCommandMessageError('an empty batch');
  if (commands.length > MAX_COMMANDS_PER_MESSAGE) {
    throw new InvalidCommandMessageError(`a batch of more than ${MAX_COMMANDS_PER_MESSAGE} commands`);
  }
  const problems = commands.flatMap((command, index) =>
    envelopeProblems(command).map((problem) => (Array.isArray(parsed) ? `[${index}] ${problem}` : problem)),
  );
  if (problems.length > 0) throw new InvalidCommandMessageError(`invalid command envelope: ${problems.join('; ')}`);
  return commands as CommandEnvelope[];
}

/** What is wrong with one envelope, field by field; empty when it is valid. */
export function envelopeProblems(value: unknown): string[] {
  if (!isObject(value)) return ['not an object'];
  const checks: Array<[string, boolean, string]> = [
    ['commandId', typeof value.commandId === 'string' && UUID.test(value.commandId), 'a UUID'],
    ['type', typeof value.type === 'string' && COMMAND_TYPE.test(value.type), '<aggregate>.<verb>'],
    ['schemaVersion', Number.isInteger(value.schemaVersion) && (value.schemaVersion as number) >= 1, 'an integer ≥ 1'],
    ['streamId', boundedString(value.streamId), '1 to 200 characters'],
    ['caller', isObject(value.caller) && nonEmptyString(value.caller.accessToken), '{ accessToken }'],
    ['replyTo', typeof value.replyTo === 'string' && TOPIC.test(value.replyTo), 'a topic name'],
    ['correlationId', boundedString(value.correlationId), '1 to 200 characters'],
    [
      'issuedAt',
      typeof value.issuedAt === 'string' && !Number.isNaN(Date.parse(value.issuedAt)),
      'an ISO 8601 instant',
    ],
    ['data', isObject(value.data), 'an object'],
  ];
  return checks.filter(([, valid]) => !valid).map(([field, , expected]) => `${field} must be ${expected}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function boundedString(value: unknown): value is string {
  return nonEmptyString(value) && value.length <= 200;
}
