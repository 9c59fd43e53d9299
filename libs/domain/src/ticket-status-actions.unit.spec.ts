import { legalStatusActions, statusAllows } from './ticket-status-actions';

describe('legal status actions', () => {
  it('offers pending, solve and close to a ticket being worked on', () => {
    expect(legalStatusActions('assigned')).toEqual(['set-pending', 'solve', 'close']);
  });

  it('offers resume to a pending ticket, approval or refusal to a solved one, reopening to a closed one', () => {
    expect(legalStatusActions('pending')).toEqual(['resume', 'solve', 'close']);
    expect(legalStatusActions('solved')).toEqual(['approve-solution', 'refuse-solution', 'close']);
    expect(legalStatusActions('closed')).toEqual(['reopen']);
  });

  it('refuses a second solution on a solved ticket', () => {
    expect(statusAllows('solved', 'solve')).toBe(false);
  });
});
