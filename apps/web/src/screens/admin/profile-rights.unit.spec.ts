import { toggled } from './profile-rights';

describe("a profile's rights in the grid", () => {
  it('gives a right the profile lacks and takes away one it holds', () => {
    expect(toggled(['ticket.create'], 'ticket.read-all')).toEqual(['ticket.create', 'ticket.read-all']);
    expect(toggled(['ticket.create', 'ticket.read-all'], 'ticket.create')).toEqual(['ticket.read-all']);
  });
});
