import { cleanName, cleanOptional, nameKey, softwareIdFor, versionIdFor } from './software-names';

describe('software names', () => {
  it('trims, collapses spaces and drops control characters', () => {
    expect(cleanName('  Mozilla \t Firefox\u0000 (x64) \n')).toBe('Mozilla Firefox (x64)');
  });

  it('compares names without their case, in one Unicode form', () => {
    expect(nameKey('DELL Inc.')).toBe(nameKey(' Dell  Inc. '));
    expect(nameKey('Cafe\u0301')).toBe(nameKey('Café'));
    expect(nameKey('Firefox')).not.toBe(nameKey('Firefox ESR'));
  });

  it('makes blank optional names null', () => {
    expect([cleanOptional('  '), cleanOptional(null), cleanOptional(' Mozilla ')]).toEqual([null, null, 'Mozilla']);
  });

  it('derives one software id from the entity, the name and the publisher, whatever their spelling', () => {
    const id = softwareIdFor('root', 'Mozilla Firefox', 'Mozilla');
    expect(softwareIdFor('root', ' MOZILLA  firefox', 'mozilla ')).toBe(id);
    expect(softwareIdFor('A', 'Mozilla Firefox', 'Mozilla')).not.toBe(id);
    expect(softwareIdFor('root', 'Mozilla Firefox', null)).not.toBe(id);
    expect(softwareIdFor('root', 'Mozilla Firefox', null)).toBe(softwareIdFor('root', 'Mozilla Firefox', ''));
  });

  it('derives one version id from the software, the version and the architecture', () => {
    const software = softwareIdFor('root', 'Mozilla Firefox', 'Mozilla');
    expect(versionIdFor(software, '115.0.2', 'x86_64')).toBe(versionIdFor(software, ' 115.0.2 ', 'X86_64'));
    expect(versionIdFor(software, '115.0.2', 'x86_64')).not.toBe(versionIdFor(software, '115.0.2', 'i686'));
    expect(versionIdFor(software, '115.0.2', null)).not.toBe(versionIdFor(software, '115.0.3', null));
  });
});
