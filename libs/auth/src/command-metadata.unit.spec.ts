import { systemCaller } from '@itsm/domain';
import { withinFlow } from '@itsm/messaging';
import { commandMetadata } from './command-metadata';

describe('the metadata of a command', () => {
  it('names the signed-in user as the actor, with fresh correlation and causation ids', () => {
    const metadata = commandMetadata({ userId: 'u1' }, 'root');
    expect(metadata).toMatchObject({ entityId: 'root', actor: { kind: 'user', id: 'u1' } });
    expect(metadata.correlationId).not.toBe(metadata.causationId);
  });

  it('names a platform component as a system actor', () => {
    expect(commandMetadata(systemCaller('tickets.auto-close'), 'paris').actor).toEqual({
      kind: 'system',
      id: 'tickets.auto-close',
    });
  });

  it('keeps the flow and the event that caused the command', () => {
    const cause = { correlationId: 'flow-1', causationId: 'sla-event-7' };
    expect(commandMetadata(systemCaller('tickets.sla-escalation'), 'root', cause)).toMatchObject(cause);
  });
});

describe('the metadata of a command run within a flow', () => {
  it('given an HTTP request, then its events carry the request id as their correlation id', () => {
    const metadata = withinFlow({ correlationId: 'request-42' }, () => commandMetadata({ userId: 'u1' }, 'root'));
    expect(metadata.correlationId).toBe('request-42');
    expect(metadata.causationId).not.toBe('request-42');
  });

  it('given an event being handled, then its events keep its correlation id and name it as their cause', () => {
    const flow = { correlationId: 'request-42', causationId: 'ticket-created-event' };
    const metadata = withinFlow(flow, () => commandMetadata(systemCaller('sla.tracking'), 'root'));
    expect(metadata).toMatchObject(flow);
  });

  it('given an explicit cause, then it wins over the flow', () => {
    const cause = { correlationId: 'flow-1', causationId: 'sla-event-7' };
    const metadata = withinFlow({ correlationId: 'other' }, () => commandMetadata(systemCaller('x'), 'root', cause));
    expect(metadata).toMatchObject(cause);
  });
});
