import { DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, type PriorityMatrix } from '@itsm/domain';

export interface TicketsSettings {
  priorityMatrix: PriorityMatrix;
  autoCloseIntervalMs: number;
}

/** PRIORITY_MATRIX (JSON 5 x 5, rows by urgency) and AUTO_CLOSE_INTERVAL_SECONDS; fails at start when wrong. */
export function loadTicketsSettings(raw: Record<string, string | undefined>): TicketsSettings {
  const interval = Number(raw.AUTO_CLOSE_INTERVAL_SECONDS ?? 3600);
  if (!Number.isInteger(interval) || interval < 1) {
    throw new Error(
      'Invalid environment for tickets: AUTO_CLOSE_INTERVAL_SECONDS must be a whole number of seconds, 1 or more',
    );
  }
  try {
    const priorityMatrix = raw.PRIORITY_MATRIX ? parsePriorityMatrix(raw.PRIORITY_MATRIX) : DEFAULT_PRIORITY_MATRIX;
    return { priorityMatrix, autoCloseIntervalMs: interval * 1000 };
  } catch (error) {
    throw new Error(`Invalid environment for tickets: ${(error as Error).message}`);
  }
}
