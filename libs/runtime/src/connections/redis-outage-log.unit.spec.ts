import { RedisOutageLog } from './redis-outage-log';

describe('a Redis outage in the log', () => {
  it('is said once when it starts and once when it ends, however many errors come between', () => {
    const lines: Array<[string, string]> = [];
    const log = new RedisOutageLog(
      {
        info: (_fields, message) => lines.push(['info', message]),
        warn: (_fields, message) => lines.push(['warn', message]),
      },
      'notification queue',
    );
    log.recovered();
    for (let attempt = 0; attempt < 50; attempt++) log.failed(new Error('connect ECONNREFUSED'));
    log.recovered();
    log.recovered();
    log.failed(new Error('connect ECONNREFUSED'));

    expect(lines).toEqual([
      ['warn', 'notification queue: Redis is away, retrying until it is back'],
      ['info', 'notification queue: Redis is back'],
      ['warn', 'notification queue: Redis is away, retrying until it is back'],
    ]);
  });
});
