/** priority = matrix[urgency - 1][impact - 1]; GLPI's default (install/empty_data.php). */
export type PriorityMatrix = number[][];

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 1, 2, 2, 2],
  [1, 2, 2, 3, 3],
  [2, 2, 3, 4, 4],
  [2, 3, 4, 4, 5],
  [2, 3, 4, 5, 5],
];

/** The matrix's cell, or GLPI's fallback round((u + i) / 2) for a missing one. */
export function computePriority(matrix: PriorityMatrix, urgency: number, impact: number): number {
  return matrix[urgency - 1]?.[impact - 1] ?? Math.round((urgency + impact) / 2);
}

/** A configured matrix must be 5 x 5 of priorities 1 to 5 (6, major, is only set by hand). */
export function parsePriorityMatrix(json: string): PriorityMatrix {
  const matrix = JSON.parse(json) as unknown;
  const valid =
    Array.isArray(matrix) &&
    matrix.length === 5 &&
    matrix.every(
      (row) =>
        Array.isArray(row) && row.length === 5 && row.every((cell) => Number.isInteger(cell) && cell >= 1 && cell <= 5),
    );
  if (!valid) throw new Error('PRIORITY_MATRIX must be a 5 x 5 JSON array of priorities 1 to 5, rows by urgency');
  return matrix as PriorityMatrix;
}
