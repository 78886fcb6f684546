#!/usr/bin/env node
// Prints README's headline table (Markdown) from results folders written by `ephemera run`:
// the mean over replications of each column, with its 95% confidence interval as ephemera
// forms it for the column's kind (meanInterval: README, Confidence intervals): `± h` when its
// sides agree within 5% (or to the digits shown), else `-down +up`. Usage, after `npm run build` (it imports the
// library by its package name, as a user's script would):
//   node examples/headline-table.mjs results/headline/aiderss results/headline/mogulus ...
// With --service first: the service's table (demand, served, failures by cause, latency).
import { meanInterval, metricSupport, numericCell, readResults } from 'ephemera';

const DNS_COLUMNS = [
  ['outage_p50_s', 'outage p50 (s)', 0],
  ['outage_p95_s', 'outage p95 (s)', 0],
  ['unavailability', 'unavailability', 6],
  ['failed_requests', 'failed requests', 0],
  ['misdirected_requests', 'misdirected', 0],
  ['slow_requests', 'slowed (failover)', 0],
  ['dns_queries_per_s', 'DNS queries/s', 2],
  ['cost_per_month_usd', 'EC2 cost/month ($)', 2],
  ['colocation_cost_per_month_usd', 'colocation cost/month ($)', 2],
];

const SERVICE_COLUMNS = [
  ['demand_requests', 'demand (requests)', 0],
  ['failed_requests_dns', 'failed: dns', 0],
  ['failed_requests_backend_down', 'failed: backend down', 0],
  ['failed_requests_overload', 'failed: overload', 0],
  ['latency_p95_s', 'latency p95 (ms)', 2, 1000],
  ['web_utilization_max', 'web peak utilization', 2],
  ['sla_violation_minutes', 'SLA minutes', 0],
  ['cost_per_million_requests_usd', '$ per million requests', 3],
];

const service = process.argv[2] === '--service';
const dirs = process.argv.slice(service ? 3 : 2);
const COLUMNS = service ? SERVICE_COLUMNS : DNS_COLUMNS;

const fmt = (x, d) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');

const rows = dirs.map((dir) => {
  const summary = readResults(dir).tables.get('summary');
  if (summary === undefined) throw new Error(`${dir}: no summary.csv`);
  const column = (name) => summary.columns.indexOf(name);
  const values = (name) => (column(name) < 0 ? [] : summary.rows.map((r) => numericCell(r[column(name)])).filter((v) => v !== undefined && Number.isFinite(v)));
  const cells = COLUMNS.map(([name, , d, scale = 1]) => {
    const s = meanInterval(values(name).map((v) => v * scale), metricSupport(name));
    if (s.n === 0) return '-';
    if (!(s.n > 1 && s.sd > 0)) return fmt(s.mean, d);
    const [down, up] = [s.mean - s.low, s.high - s.mean];
    const symmetric = Math.abs(up - down) <= 0.05 * Math.max(up, down) || fmt(up, d) === fmt(down, d);
    return symmetric ? `${fmt(s.mean, d)} ± ${fmt(Math.max(up, down), d)}` : `${fmt(s.mean, d)} -${fmt(down, d)} +${fmt(up, d)}`;
  });
  return `| ${summary.rows[0]?.[column('scenario')] ?? dir} (${summary.rows.length}) | ${cells.join(' | ')} |`;
});
console.log(`| scenario (replications) | ${COLUMNS.map((c) => c[1]).join(' | ')} |`);
console.log(`|---|${COLUMNS.map(() => '---:').join('|')}|`);
for (const r of rows) console.log(r);
