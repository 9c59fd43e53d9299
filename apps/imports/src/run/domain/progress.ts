/**
 * The time a run has left at its pace so far: 0 once it ended, null while its total or its pace is
 * unknown (a file stored before its lines were counted, a run not started yet).
 */
export function secondsLeft(ended: boolean, done: number, total: number | null, linesPerSecond: number): number | null {
  if (ended) return 0;
  if (total === null || linesPerSecond <= 0) return null;
  return Math.ceil(Math.max(0, total - done) / linesPerSecond);
}
