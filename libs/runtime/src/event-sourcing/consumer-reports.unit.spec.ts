import type { Logger } from '@nestjs/common';
import { consumerReports } from './consumer-reports';

/** The logger as the reports use it: the lines at each level. */
function recordingLogger() {
  const lines = { warn: [] as unknown[], error: [] as unknown[] };
  const logger = {
    warn: (line: unknown) => lines.warn.push(line),
    error: (line: unknown) => lines.error.push(line),
  } as unknown as Logger;
  return { logger, lines };
}

const where = { topic: 'itsm.tickets.events', partition: 2, offset: '41', key: 'ticket-1', eventId: 'e-41' };

describe('what a consumer reports', () => {
  it('logs a dead letter once at error level, with where it was and why, and counts it by topic', () => {
    const { logger, lines } = recordingLogger();
    const counted: string[] = [];
    const reports = consumerReports(logger, 'sla.tracking', { deadLetter: (topic) => counted.push(topic) });
    reports.onDeadLetter!(where, new Error('rule: closed'));
    expect(lines.error).toEqual([expect.objectContaining({ group: 'sla.tracking', ...where, error: 'rule: closed' })]);
    expect(lines.warn).toEqual([]);
    expect(counted).toEqual(['itsm.tickets.events']);
  });

  it('logs a retried message at warn on its first retry and every tenth, not at each attempt, and counts them all', () => {
    const { logger, lines } = recordingLogger();
    let retries = 0;
    const reports = consumerReports(logger, 'sla.tracking', { retry: () => retries++ });
    for (let attempt = 1; attempt <= 25; attempt++) reports.onRetry!(new Error('Mongo away'), attempt, where);
    expect(lines.warn).toEqual(
      [1, 10, 20].map((attempt) => expect.objectContaining({ attempt, ...where, error: 'Mongo away' })),
    );
    expect(retries).toBe(25);
  });
});
