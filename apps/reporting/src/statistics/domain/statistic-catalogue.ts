import { createHash } from 'node:crypto';

/** What every statistic is kept by, besides the period and the ticket's entity. */
export const DIMENSIONS = [
  'all',
  'technician',
  'group',
  'category',
  'requester',
  'type',
  'priority',
  'location',
  'item-type',
  'asset-type',
  'asset-model',
  'agreement',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface StatisticDefinition {
  name: string;
  /** raised when what it counts changes: the statistics are then recomputed from the topics' beginning */
  version: number;
  description: string;
}

/** The statistics folded from the events; docs/reporting.md says exactly how each is computed. */
export const STATISTICS: readonly StatisticDefinition[] = [
  { name: 'opened', version: 1, description: 'tickets opened, at their opening date' },
  { name: 'solved', version: 1, description: 'tickets solved (or closed unsolved), at their last solution' },
  { name: 'closed', version: 1, description: 'tickets closed, at their closing' },
  { name: 'reopened', version: 1, description: 'reopenings: Solved or Closed back to work, at each' },
  { name: 'late', version: 1, description: 'tickets solved after their SLA time to resolve, at their solution' },
  { name: 'backlog', version: 1, description: 'open tickets (neither solved nor closed) at the end of each period' },
  { name: 'time-to-own', version: 1, description: 'opening to taking into account, at the taking' },
  { name: 'time-to-solve', version: 1, description: 'opening to solution less waiting, at the solution' },
  { name: 'time-to-close', version: 1, description: 'opening to closing less waiting, at the closing' },
  { name: 'waiting', version: 1, description: 'time pending before the solution, at the solution' },
  { name: 'satisfaction', version: 1, description: 'surveys answered and their ratings, at the closing' },
  {
    name: 'business-times',
    version: 1,
    description: 'times to own, solve, close and waiting in business time, on the calendar of the ticket’s SLA',
  },
  { name: 'agreements', version: 1, description: 'SLA and OLA TTO/TTR met (at meeting) or breached (at the deadline)' },
];

/**
 * The shape of the stored documents (records and tables): raised when it changes, so that the
 * documents of the former shape are never read, the new version filling from the beginning.
 * 2: records in packed segments (read-models/ticket-records.ts), a day's and a week's tables in one
 * document, rows packed as arrays (read-models/packed-documents.ts).
 */
export const DOCUMENTS_LAYOUT = 2;

/**
 * The version of the statistics' read models: it changes with any statistic's version, the
 * dimensions or the documents' layout, and a changed version is a new set of collections filled
 * from the topics' beginning.
 */
export function statisticsVersion(statistics = STATISTICS, dimensions: readonly string[] = DIMENSIONS): string {
  const definition = [
    ...statistics.map(({ name, version }) => `${name}@${version}`).sort(),
    ...dimensions,
    `layout@${DOCUMENTS_LAYOUT}`,
  ].join(',');
  return createHash('sha256').update(definition).digest('hex').slice(0, 10);
}
