import { neutraliseFormula, parseBoolean, parseDay, parseDecimal, parseInteger, parseMac } from './csv-values';

describe('cells read in the model formats', () => {
  it.each([
    ['2026-12-31', 'yyyy-mm-dd', '2026-12-31'],
    ['2026/1/5', 'yyyy-mm-dd', '2026-01-05'],
    ['31/12/2026', 'dd-mm-yyyy', '2026-12-31'],
    ['12-31-2026', 'mm-dd-yyyy', '2026-12-31'],
    ['2026-02-30', 'yyyy-mm-dd', null],
    ['29/02/2027', 'dd-mm-yyyy', null],
    ['31/12/2026', 'yyyy-mm-dd', null],
    ['demain', 'dd-mm-yyyy', null],
  ] as const)('day %s in %s is %s', (cell, format, day) => {
    expect(parseDay(cell, format)).toBe(day);
  });

  it.each([
    ['1 234,56', 'comma', 1234.56],
    ['1\u00a0234,56', 'comma', 1234.56],
    ['1234.56', 'dot', 1234.56],
    ['1,234.56', 'thousands-comma', 1234.56],
    ['1234,56', 'dot', null],
    ['12,34,5', 'thousands-comma', null],
    ['abc', 'comma', null],
  ] as const)('decimal %s in %s is %s', (cell, format, value) => {
    expect(parseDecimal(cell, format)).toBe(value);
  });

  it('reads integers, yes/no and MAC addresses as people write them', () => {
    expect(parseInteger(' 36 ')).toBe(36);
    expect(parseInteger('3.5')).toBeNull();
    expect([parseBoolean('Oui'), parseBoolean('0'), parseBoolean('peut-être')]).toEqual([true, false, null]);
    expect(parseMac('00-1A-2b-3C-4d-5E')).toBe('00:1a:2b:3c:4d:5e');
    expect(parseMac('00:1a:2b')).toBeNull();
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx', 'Dell'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+33 1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Dell',
    ]);
  });
});
