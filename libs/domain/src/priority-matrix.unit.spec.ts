import { computePriority, DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, type PriorityMatrix } from './priority-matrix';

// GLPI's default matrix (install/empty_data.php), urgency down, impact across (GLPI reference §1.4).
const GLPI_DEFAULT_TABLE: Array<[urgency: number, impact: number, priority: number]> = [
  [1, 1, 1],
  [1, 2, 1],
  [1, 3, 2],
  [1, 4, 2],
  [1, 5, 2],
  [2, 1, 1],
  [2, 2, 2],
  [2, 3, 2],
  [2, 4, 3],
  [2, 5, 3],
  [3, 1, 2],
  [3, 2, 2],
  [3, 3, 3],
  [3, 4, 4],
  [3, 5, 4],
  [4, 1, 2],
  [4, 2, 3],
  [4, 3, 4],
  [4, 4, 4],
  [4, 5, 5],
  [5, 1, 2],
  [5, 2, 3],
  [5, 3, 4],
  [5, 4, 5],
  [5, 5, 5],
];

const validJson = JSON.stringify(DEFAULT_PRIORITY_MATRIX);
const MESSAGE = /PRIORITY_MATRIX must be a 5 x 5 JSON array of priorities 1 to 5/;

describe('the priority matrix', () => {
  describe('computePriority with GLPI default matrix', () => {
    it.each(GLPI_DEFAULT_TABLE)('urgency %d and impact %d give priority %d', (urgency, impact, priority) => {
      expect(computePriority(DEFAULT_PRIORITY_MATRIX, urgency, impact)).toBe(priority);
    });

    it('the table above covers all 25 cells and the default matrix has no others', () => {
      expect(GLPI_DEFAULT_TABLE).toHaveLength(25);
      expect(DEFAULT_PRIORITY_MATRIX).toHaveLength(5);
      for (const row of DEFAULT_PRIORITY_MATRIX) expect(row).toHaveLength(5);
    });

    it('never gives 6 (major): that is only set by hand', () => {
      expect(Math.max(...DEFAULT_PRIORITY_MATRIX.flat())).toBe(5);
    });
  });

  describe('computePriority with a missing cell', () => {
    it.each([
      [1, 1, 1],
      [1, 2, 2], // round(1.5)
      [2, 3, 3], // round(2.5), rounding half up as PHP does for positives
      [3, 3, 3],
      [4, 5, 5], // round(4.5)
      [5, 5, 5],
      [1, 5, 3],
    ])('falls back to round((%d + %d) / 2) = %d with no matrix at all', (urgency, impact, priority) => {
      expect(computePriority([], urgency, impact)).toBe(priority);
    });

    it('falls back for a missing row or a short row only, reading the cells that are there', () => {
      const partial: PriorityMatrix = [[5, 5, 5, 5, 5], [4]];
      expect(computePriority(partial, 1, 1)).toBe(5);
      expect(computePriority(partial, 2, 1)).toBe(4);
      expect(computePriority(partial, 2, 2)).toBe(2);
      expect(computePriority(partial, 4, 5)).toBe(5);
    });

    it('reads a configured matrix rather than the default', () => {
      const inverted = DEFAULT_PRIORITY_MATRIX.map((row) => row.map((cell) => 6 - cell));
      expect(computePriority(inverted, 5, 5)).toBe(1);
      expect(computePriority(inverted, 1, 1)).toBe(5);
    });
  });

  describe('parsePriorityMatrix', () => {
    it('accepts GLPI default matrix as JSON', () => {
      expect(parsePriorityMatrix(validJson)).toEqual(DEFAULT_PRIORITY_MATRIX);
    });

    it('accepts any 5 x 5 matrix of priorities 1 to 5, whitespace and all', () => {
      const flat = Array.from({ length: 5 }, () => [3, 3, 3, 3, 3]);
      expect(parsePriorityMatrix(`\n ${JSON.stringify(flat, null, 2)} \n`)).toEqual(flat);
      const steep = [
        [1, 2, 3, 4, 5],
        [2, 3, 4, 5, 5],
        [3, 4, 5, 5, 5],
        [4, 5, 5, 5, 5],
        [5, 5, 5, 5, 5],
      ];
      expect(parsePriorityMatrix(JSON.stringify(steep))).toEqual(steep);
    });

    it.each<[string, unknown]>([
      ['4 rows', DEFAULT_PRIORITY_MATRIX.slice(0, 4)],
      ['6 rows', [...DEFAULT_PRIORITY_MATRIX, [5, 5, 5, 5, 5]]],
      ['a row of 4', [...DEFAULT_PRIORITY_MATRIX.slice(0, 4), [2, 3, 4, 5]]],
      ['a row of 6', [[1, 1, 2, 2, 2, 2], ...DEFAULT_PRIORITY_MATRIX.slice(1)]],
      ['no rows', []],
      ['a flat list of 25', DEFAULT_PRIORITY_MATRIX.flat()],
      ['an object', { 1: { 1: 1 } }],
      ['null', null],
      ['a number', 3],
      ['a row that is not an array', [...DEFAULT_PRIORITY_MATRIX.slice(0, 4), '2,3,4,5,5']],
    ])('rejects %s', (_label, matrix) => {
      expect(() => parsePriorityMatrix(JSON.stringify(matrix))).toThrow(MESSAGE);
    });

    it.each<[string, unknown]>([
      ['0', 0],
      ['6 (major is never in the matrix)', 6],
      ['-1', -1],
      ['2.5', 2.5],
      ['"3"', '3'],
      ['null', null],
      ['true', true],
    ])('rejects a cell of %s', (_label, cell) => {
      const matrix: unknown[][] = DEFAULT_PRIORITY_MATRIX.map((row) => [...row]);
      matrix[2][3] = cell;
      expect(() => parsePriorityMatrix(JSON.stringify(matrix))).toThrow(MESSAGE);
    });

    it.each(['', '[[1,1,2,2,2]', 'not json'])('rejects text that is not JSON: %p', (json) => {
      expect(() => parsePriorityMatrix(json)).toThrow();
    });
  });
});
