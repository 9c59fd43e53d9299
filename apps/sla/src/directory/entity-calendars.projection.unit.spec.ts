import { inheritedCalendarId } from './entity-calendars.projection';

const tree = new Map([
  ['root', { parentId: null, calendarId: 'office-hours' }],
  ['paris', { parentId: 'root', calendarId: null }],
  ['paris-dc', { parentId: 'paris', calendarId: 'datacenter-24x7' }],
  ['orphan', { parentId: 'gone', calendarId: null }],
]);

describe('the calendar an entity uses', () => {
  it('is its own when set', () => {
    expect(inheritedCalendarId('paris-dc', tree)).toBe('datacenter-24x7');
  });

  it('is inherited from the nearest ancestor that sets one', () => {
    expect(inheritedCalendarId('paris', tree)).toBe('office-hours');
  });

  it('is none (24/7) when no ancestor sets one or the entity is unknown', () => {
    expect(inheritedCalendarId('orphan', tree)).toBeNull();
    expect(inheritedCalendarId('nowhere', tree)).toBeNull();
  });

  it('stops on a cycle instead of looping', () => {
    const cycle = new Map([
      ['a', { parentId: 'b', calendarId: null }],
      ['b', { parentId: 'a', calendarId: null }],
    ]);
    expect(inheritedCalendarId('a', cycle)).toBeNull();
  });
});
