export {
  commandTopicFor,
  MAX_COMMANDS_PER_MESSAGE,
  type CommandCaller,
  type CommandEnvelope,
} from './command-envelope';
export {
  acceptedResult,
  refusedResult,
  type CommandAccepted,
  type CommandAcceptedData,
  type CommandRefused,
  type CommandRefusedData,
  type CommandResult,
  type ResultStamp,
} from './command-result';
export { decodeCommands, encodeCommands, envelopeProblems, InvalidCommandMessageError } from './command-message';
export { commandEnvelopeSchema, commandAcceptedSchema, commandRefusedSchema } from './command-envelope.schema';
export type { CommandDefinition, ServiceCommands } from './command-definition';
export { commandCatalogue } from './command-catalogue';
export { commandsAsyncApiDocument } from './commands-asyncapi';
