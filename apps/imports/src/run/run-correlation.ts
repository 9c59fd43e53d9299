import type { LineProblem } from './domain/result-codes';

/**
 * What a line's command carries back in its correlation id, so that its answer alone makes the
 * line's result: `import-run:<runId>:<line>:<c|u>[:<field with a value not found>]`.
 */
export interface LineCorrelation {
  runId: string;
  line: number;
  action: 'create' | 'update';
  warning?: Pick<LineProblem, 'field'>;
}

const PREFIX = 'import-run';

export function correlationOf({ runId, line, action, warning }: LineCorrelation): string {
  const parts = [PREFIX, runId, String(line), action === 'create' ? 'c' : 'u'];
  return (warning ? [...parts, encodeURIComponent(warning.field)] : parts).join(':').slice(0, 200);
}

/** The line an answer is for, or null when the correlation is not one of a run's lines. */
export function lineOfCorrelation(correlationId: string): LineCorrelation | null {
  const [prefix, runId, line, action, field] = correlationId.split(':');
  if (prefix !== PREFIX || !runId || !/^\d+$/.test(line ?? '') || (action !== 'c' && action !== 'u')) return null;
  return {
    runId,
    line: Number(line),
    action: action === 'c' ? 'create' : 'update',
    ...(field !== undefined && { warning: { field: decodeURIComponent(field) } }),
  };
}

const VALUE_PREFIX = 'import-value:';

/** A catalogue value's command carries back its run: `import-value:<runId>`; its answer is found by command id. */
export const valueCorrelationOf = (runId: string): string => `${VALUE_PREFIX}${runId}`;

export const isValueCorrelation = (correlationId: string): boolean => correlationId.startsWith(VALUE_PREFIX);
