import { systemCaller } from '@itsm/domain';
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
