import fs from 'node:fs';
import path from 'node:path';

// The dashboard queries only what the services expose, as docs/observability.md lists it: a metric
// renamed in the kit must be renamed here too, or the panel would go blank unnoticed.
const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, 'grafana-dashboard.json'), 'utf8')) as {
  panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>;
};
const documented = fs.readFileSync(path.resolve(__dirname, '../../docs/observability.md'), 'utf8');

/** The metric names a PromQL expression reads (histogram series by their family name). */
const metricsOf = (expr: string) =>
  [...expr.matchAll(/\b((?:itsm|process|nodejs)_[a-z0-9_]+)\b/g)].map(([, name]) =>
    name.replace(/_(bucket|count|sum)$/, ''),
  );

describe('the Grafana dashboard', () => {
  const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

  it('has a query on every metric panel', () => {
    for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row'))
      expect([panel.title, panel.targets?.length]).toEqual([panel.title, expect.any(Number)]);
    expect(queries.length).toBeGreaterThan(15);
  });

  it('reads only metrics the services expose, each filtered by the chosen services', () => {
    const kit = metricsOf(queries.join('\n')).filter((name) => name.startsWith('itsm_'));
    for (const name of new Set(kit)) expect([name, documented.includes(`\`${name}\``)]).toEqual([name, true]);
    for (const query of queries) expect(query).toContain('service=~"$service"');
  });
});
