import { statisticRows } from './statistic-rows';
import { neutralised, statisticsCsv } from './statistics-csv';

describe('statistics as CSV', () => {
  it('keeps what a user typed as text: a cell starting with = + - @ tab or CR gets a quote', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralised(cell)).toBe(`'${cell}`);
    }
    expect(neutralised('Salle 12')).toBe('Salle 12');
  });

  it('writes a header and one line per period and value, the location neutralised and quoted', () => {
    const rows = statisticRows(['2026-01-01'], [{ s: '2026-01-01', v: '=cmd|"/c calc"!A1', opened: 2 }], new Map());
    const csv = statisticsCsv(rows.map((row) => ({ ...row, label: null })));
    const [header, line] = csv.trim().split('\n');
    expect(header.split(',').slice(0, 5)).toEqual(['period', 'value', 'label', 'opened', 'solved']);
    expect(line.startsWith(`2026-01-01,"'=cmd|""/c calc""!A1",,2,0`)).toBe(true);
  });
});
