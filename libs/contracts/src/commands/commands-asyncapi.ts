import { definitionKey } from '../event-definition';
import type { ServiceCommands } from './command-definition';
import { commandTopicFor, MAX_COMMANDS_PER_MESSAGE } from './command-envelope';
import { commandAcceptedSchema, commandEnvelopeSchema, commandRefusedSchema } from './command-envelope.schema';

const RESULTS = 'command-results';

/** The AsyncAPI 3 document of the services' command topics and of the results they answer with. */
export function commandsAsyncApiDocument(catalogue: ServiceCommands[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const { service, description, commands } of catalogue) {
    const channelMessages: Record<string, unknown> = {};
    for (const command of commands) {
      const name = definitionKey(command.type, command.schemaVersion);
      messages[name] = {
        name,
        title: `${command.type} (version ${command.schemaVersion})`,
        summary: `${command.description} Needs ${command.rights.join(', ')}.`,
        contentType: 'application/json',
        payload: {
          ...commandEnvelopeSchema,
          properties: {
            ...commandEnvelopeSchema.properties,
            type: { type: 'string', enum: [command.type] },
            schemaVersion: { type: 'integer', enum: [command.schemaVersion] },
            data: command.schema,
          },
        },
      };
      channelMessages[name] = { $ref: `#/components/messages/${name}` };
    }
    channels[service] = {
      address: commandTopicFor(service),
      description:
        `${description} Key: the command's streamId. A message holds one envelope, or a JSON array of up to ` +
        `${MAX_COMMANDS_PER_MESSAGE} (a batch, all valid or parked whole in \`<topic>.dlq\`).`,
      messages: channelMessages,
    };
    operations[`${service}-takes-commands`] = { action: 'receive', channel: { $ref: `#/channels/${service}` } };
  }
  messages['command.accepted'] = resultMessage('command.accepted', commandAcceptedSchema);
  messages['command.refused'] = resultMessage('command.refused', commandRefusedSchema);
  channels[RESULTS] = {
    address: null,
    description: "The sender's own topic, named by each command's replyTo. Key: the command's streamId.",
    messages: {
      'command.accepted': { $ref: '#/components/messages/command.accepted' },
      'command.refused': { $ref: '#/components/messages/command.refused' },
    },
  };
  operations['answer-commands'] = { action: 'send', channel: { $ref: `#/channels/${RESULTS}` } };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ITSM platform commands',
      version: '1.0.0',
      description:
        'Commands other services send to a service, answered each by one result on the sender’s topic. A ' +
        'command id runs once: sent again, it is answered again with the same result. The caller is an ' +
        'access token, checked with the rights and entity scope of the matching HTTP route. A command message ' +
        'may carry the W3C Trace Context headers `traceparent` and `tracestate` (optional): the service ' +
        'continues the sender’s trace, and the result carries them too when the service traces.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

function resultMessage(type: string, payload: unknown) {
  return { name: type, title: type, contentType: 'application/json', payload };
}
