import type { PriceCatalog } from '../billing/catalog.js';
import { colocationLines, mbps, type ColocationSpec } from '../billing/colocation.js';
import { elasticIpLines, ElasticIpMeter } from '../billing/elastic-ip-meter.js';
import { instanceHourLines, InstanceHoursMeter, lostToFailures, totalBilledHours, type InstanceUsage } from '../billing/instance-hours.js';
import { addSteps, InternetRateMeter, type RateStep } from '../billing/internet-rate.js';
import { sortLines, totalMicros, type LineItem } from '../billing/line-item.js';
import { microsToUsd, mulDivRound, type Micros } from '../billing/money.js';
import { monthLengthMs } from '../billing/month.js';
import { nearestRankPercentile } from '../billing/percentile.js';
import { s3Lines, S3Meter } from '../billing/s3-meter.js';
import { intervalSamples } from '../billing/samples.js';
import { transferLines } from '../billing/transfer-charges.js';
import { invoiceTable } from '../metrics/invoice-table.js';
import type { Table } from '../metrics/table.js';
import { monthSpans } from '../network/calendar.js';
import type { BuildContext } from './build-context.js';
import type { ColocationSection } from './billing-schema.js';
import { images } from './catalog-build.js';
import type { NetworkParts } from './network-build.js';
import type { Scenario } from './schema.js';
import type { Component, SummaryEntry } from './world.js';

/** `cost_per_month_usd` scales the run's cost to a 30-day month. */
const MONTH_30D_MS = 30 * 86_400_000;

/** True when the scenario can run up a bill: it launches instances or allocates addresses. */
function billable(s: Scenario): boolean {
  return Object.values(s.fleet).some((r) => r.count > 0)
    || s.actions.some((a) => a.run.command.verb === 'run-instances' || a.run.command.verb === 'allocate-address');
}

/** Most instances alive at once. */
function peakInstances(usage: readonly InstanceUsage[], endMs: number): number {
  const edges = usage.flatMap((u) => [[u.fromMs, 1], [u.toMs ?? endMs, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let n = 0;
  let peak = 0;
  for (const [, d] of edges) peak = Math.max(peak, (n += d));
  return peak;
}

/** The colocation section with its defaults resolved: servers default to the fleet's size (without a fleet, the most instances alive at once). */
function colocationSpec(c: ColocationSection, s: Scenario, usage: readonly InstanceUsage[], endMs: number): ColocationSpec {
  const fleet = Object.values(s.fleet).reduce((n, r) => n + r.count, 0);
  const bw = c.bandwidth;
  return {
    servers: c.servers ?? (fleet > 0 ? fleet : Math.max(1, peakInstances(usage, endMs))),
    serverPrice: c.server_price, amortiseMonths: c.amortise, rackPerMonth: c.rack_space_per_month, powerPerMonth: c.power_per_month,
    bandwidth: { perMbpsMonth: bw.per_mbps_month, commitMbps: bw.commit_mbps, overagePerMbpsMonth: bw.overage_per_mbps_month ?? bw.per_mbps_month, percentile: bw.percentile, sampleMs: bw.sample },
    ipBlock: { addresses: c.ip_block.addresses, perMonth: c.ip_block.per_month },
  };
}

/** Micro-dollars scaled to a 30-day month. */
const perMonth = (micros: Micros, endMs: number): number => microsToUsd(mulDivRound(BigInt(micros), BigInt(MONTH_30D_MS), BigInt(endMs)));

/**
 * The billing layer of a world: meters that watch the cloud's and the network's events
 * (instances launched and terminated, elastic IPs mapped and unmapped) and, at the end,
 * the EC2 invoice by the scenario's price catalog (invoice.csv) and, when the scenario has
 * a `colocation:` section, the colocation invoice for the same service
 * (colocation-invoice.csv), billed at the 95th percentile of its Internet traffic. Attach
 * before the fleet launches. A scenario that launches nothing gets no bill.
 */
export function attachBilling(ctx: BuildContext, net: NetworkParts, requestInternet: () => readonly RateStep[] = () => []): Component {
  const { bus, scenario } = ctx;
  const ec2 = billable(scenario);
  const colo = scenario.colocation;
  if (!ec2 && colo === undefined) return {};
  const pricing = scenario.pricing;
  if (pricing.kind !== 'catalog') throw new Error(`pricing "${pricing.ref}" was never read: load the scenario with loadScenario or parseScenario`);
  const catalog: PriceCatalog = pricing.catalog;
  const hours = new InstanceHoursMeter(bus);
  const eips = new ElasticIpMeter(bus);
  const s3 = new S3Meter(bus, images(scenario).filter((i) => i.visibility === 'private').map((i) => ({ id: i.id, sizeBytes: i.sizeBytes })));
  const roleRates = new Map(Object.entries(scenario.traffic).map(([role, t]) => [role, { in: t.in, out: t.out }]));
  const internet = colo === undefined ? undefined : new InternetRateMeter(bus, roleRates);

  let bill: { lines: LineItem[]; colo: LineItem[]; peakMbps: number } | undefined;
  const close = (endMs: number): NonNullable<typeof bill> => {
    if (bill !== undefined) return bill;
    const start = scenario.start;
    const { objects, puts } = s3.usage(endMs, start);
    const lines = sortLines([
      ...instanceHourLines(hours.usage, endMs, start, catalog.instanceHour),
      ...transferLines(net.network.meter.byMonth(endMs), catalog),
      ...s3Lines(objects, puts, endMs, start, catalog),
      ...elasticIpLines(eips.idle(endMs), eips.remaps, start, catalog),
    ]);
    let coloLines: LineItem[] = [];
    let peakMbps = 0;
    if (colo !== undefined && internet !== undefined) {
      const spec = colocationSpec(colo, scenario, hours.usage, endMs);
      const sample = (pick: (s: { in: number; out: number }) => number): Map<string, { value: number; count: number }[]> =>
        intervalSamples(addSteps(internet.steps, requestInternet()), pick, endMs, spec.bandwidth.sampleMs, start);
      const [ins, outs] = [sample((s) => s.in), sample((s) => s.out)];
      const months = monthSpans(start, 0, endMs).map((m) => {
        const p = (x: typeof ins): number => mbps(nearestRankPercentile(x.get(m.month) ?? [], spec.bandwidth.percentile));
        const percentileMbps = Math.max(p(ins), p(outs));
        peakMbps = Math.max(peakMbps, percentileMbps);
        return { month: m.month, coveredMs: m.toMs - m.fromMs, monthMs: monthLengthMs(m.month), percentileMbps };
      });
      coloLines = sortLines(colocationLines(spec, months));
    }
    bill = { lines, colo: coloLines, peakMbps };
    return bill;
  };

  return {
    summary(endMs) {
      const b = close(endMs);
      const out: SummaryEntry[] = [];
      if (ec2) {
        const total = totalMicros(b.lines);
        out.push(
          ['cost_usd', microsToUsd(total)],
          ['cost_per_month_usd', perMonth(total, endMs)],
          ['cost_instances_usd', microsToUsd(totalMicros(b.lines, 'instances'))],
          ['cost_transfer_usd', microsToUsd(totalMicros(b.lines, 'transfer'))],
          ['cost_s3_usd', microsToUsd(totalMicros(b.lines, 's3'))],
          ['cost_eip_usd', microsToUsd(totalMicros(b.lines, 'eip'))],
          ['instance_hours_billed', totalBilledHours(hours.usage, endMs)],
          ['cost_lost_to_failures_usd', microsToUsd(lostToFailures(hours.usage, catalog.instanceHour))],
        );
      }
      if (colo !== undefined) {
        const total = totalMicros(b.colo);
        out.push(['colocation_cost_usd', microsToUsd(total)], ['colocation_cost_per_month_usd', perMonth(total, endMs)], ['colocation_p95_mbps', b.peakMbps]);
      }
      return out;
    },
    tables(endMs) {
      const b = close(endMs);
      const out: Table[] = [];
      if (ec2) out.push(invoiceTable('invoice', b.lines));
      if (colo !== undefined) out.push(invoiceTable('colocation-invoice', b.colo));
      return out;
    },
  };
}
