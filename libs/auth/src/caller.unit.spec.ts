import { can, inScope } from '@itsm/domain';
import { callerFrom } from './caller';

const caller = callerFrom(
  {
    sub: 'u1',
    login: 'alice',
    name: 'Alice',
    pid: 'p1',
    rights: ['ticket.create'],
    eid: 'europe',
    rec: true,
    sid: 's1',
  },
  ['europe', 'france'],
);

describe('caller', () => {
  it('reads the token claims under their long names', () => {
    expect(caller).toEqual({
      userId: 'u1',
      login: 'alice',
      displayName: 'Alice',
      profileId: 'p1',
      rights: new Set(['ticket.create']),
      entityId: 'europe',
      recursive: true,
      sessionId: 's1',
      scope: ['europe', 'france'],
    });
  });

  it('answers rights and scope questions', () => {
    expect(can(caller, 'ticket.create')).toBe(true);
    expect(can(caller, 'ticket.delete')).toBe(false);
    expect(inScope(caller, 'france')).toBe(true);
    expect(inScope(caller, 'america')).toBe(false);
  });
});
