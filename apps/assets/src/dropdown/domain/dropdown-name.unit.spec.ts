import { nameKey, normaliseName, placeKey } from './dropdown-name';

describe('catalogue names', () => {
  it('are trimmed with single spaces', () => {
    expect(normaliseName('  Dell   Inc. ')).toBe('Dell Inc.');
    expect(normaliseName('Hewlett-Packard\tCompany')).toBe('Hewlett-Packard Company');
  });

  it('meet whatever their case and spacing', () => {
    expect(nameKey('DELL Inc.')).toBe(nameKey(' Dell  Inc.'));
    expect(nameKey('Bâtiment A')).toBe(nameKey('BÂTIMENT A'));
    expect(nameKey('Dell Inc.')).not.toBe(nameKey('Dell'));
  });

  it('are unique among the children of one parent only', () => {
    expect(placeKey('Salle 1', 'b1')).not.toBe(placeKey('Salle 1', 'b2'));
    expect(placeKey('Salle 1', null)).toBe(placeKey('SALLE 1', null));
  });
});
