import { asyncApiDocument, eventCatalogue } from '@itsm/contracts';
import { asyncApiConformance, type AsyncApiDocument } from './asyncapi-conformance';
import type { TopicMessage } from './kafka-messages';

const conformance = asyncApiConformance(asyncApiDocument(eventCatalogue) as unknown as AsyncApiDocument);
const envelope = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  type: 'ticket.status-changed',
  schemaVersion: 1,
  streamId: 'ticket-1',
  sequence: 2,
  entityId: 'root',
  occurredAt: '2026-01-05T09:00:00.000Z',
  actor: { kind: 'user', id: 'tech' },
  correlationId: 'c',
  causationId: 'c',
  data: { ticketId: '1', from: 'new', to: 'assigned', reason: 'assigned' },
};
const sent: TopicMessage = {
  key: 'ticket-1',
  headers: { 'event-type': 'ticket.status-changed', 'schema-version': '1', 'event-id': envelope.id },
  value: envelope,
};

describe('a Kafka message checked against the AsyncAPI document', () => {
  it('conforms when sent as the outbox relay sends it', () => {
    expect(conformance.violations('tickets', sent)).toEqual([]);
  });

  it('names a missing header, a header the document does not name and one that contradicts the value', () => {
    const { 'event-id': _id, ...headers } = sent.headers;
    const message = { ...sent, headers: { ...headers, 'event-type': 'ticket.opened', 'x-debug': '1' } };
    expect(conformance.violations('tickets', message)).toEqual([
      'headers: x-debug is sent but not described',
      "headers must have required property 'event-id'",
      'headers must NOT have additional properties (x-debug)',
      'headers/event-type must be equal to constant',
    ]);
  });

  it('takes the optional W3C trace context headers, and names a malformed one', () => {
    const traced = {
      ...sent,
      headers: { ...sent.headers, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    };
    expect(conformance.violations('tickets', traced)).toEqual([]);
    const malformed = { ...sent, headers: { ...sent.headers, traceparent: '00-1' } };
    expect(conformance.violations('tickets', malformed)).toEqual([
      'headers/traceparent must match pattern "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"',
    ]);
  });

  it('names a missing key and a value outside the payload schema', () => {
    const message = { ...sent, key: null, value: { ...envelope, data: { ...envelope.data, to: 'reopened' } } };
    expect(conformance.violations('tickets', message)).toEqual([
      'key must be string',
      'value/data/to must be equal to one of the allowed values',
    ]);
  });

  it('refuses a message its channel does not carry', () => {
    expect(conformance.violations('identity', sent)).toEqual([
      'channel identity has no message ticket.status-changed@v1',
    ]);
  });
});
