import type { LineItem } from './line-item.js';
import { microsToUsd, mulDivRound, type Micros } from './money.js';

/**
 * The colocation alternative, normalised: prices in micro-dollars, per calendar month
 * unless said otherwise. Built from the scenario's `colocation:` section.
 */
export interface ColocationSpec {
  /** Servers bought. */
  readonly servers: number;
  /** Micro-dollars per server, paid off in equal monthly parts over `amortiseMonths`. */
  readonly serverPrice: Micros;
  readonly amortiseMonths: number;
  readonly rackPerMonth: Micros;
  readonly powerPerMonth: Micros;
  readonly bandwidth: {
    /** Micro-dollars per Mbps (10^6 bit/s) per month, for the committed rate. */
    readonly perMbpsMonth: Micros;
    /** Mbps paid whatever the use. */
    readonly commitMbps: number;
    /** Micro-dollars per Mbps per month above the commitment. */
    readonly overagePerMbpsMonth: Micros;
    /** The percentile billed (95). */
    readonly percentile: number;
    /** The sampling interval, ms (5 minutes). */
    readonly sampleMs: number;
  };
  readonly ipBlock: { readonly addresses: number; readonly perMonth: Micros };
}

/** One calendar month of the run, as the colocation bill sees it. */
export interface ColocationMonth {
  readonly month: string;
  /** Time of the run in this month, and the month's full length, ms: monthly charges are prorated by their ratio. */
  readonly coveredMs: number;
  readonly monthMs: number;
  /** The billed percentile of the 5-minute samples, Mbps: the greater of inbound and outbound. */
  readonly percentileMbps: number;
}

/** Bytes per ms → megabits per second (decimal, as bandwidth is sold). */
export function mbps(bytesPerMs: number): number {
  return (bytesPerMs * 8 * 1000) / 1e6;
}

/**
 * The colocation invoice: per month, the servers' amortisation, rack space, power, the
 * bandwidth commitment and any use above it at the billed percentile, and the address
 * block. A month the run covers only in part pays that part (e.g. half of April pays half
 * of each monthly charge). Every amount is rounded to the micro-dollar once; the overage
 * is a measured rate (a float), rounded the same way.
 */
export function colocationLines(spec: ColocationSpec, months: readonly ColocationMonth[]): LineItem[] {
  const out: LineItem[] = [];
  for (const m of months) {
    const part = (micros: bigint): Micros => mulDivRound(micros, BigInt(m.coveredMs), BigInt(m.monthMs));
    const share = m.coveredMs / m.monthMs;
    const line = (item: string, type: string, quantity: number, unit: string, unitPriceUsd: number, amount: Micros): void => {
      out.push({ month: m.month, item, type, quantity, unit, unitPriceUsd, amount, category: 'colocation' });
    };
    const perServerMonth = microsToUsd(spec.serverPrice) / spec.amortiseMonths;
    line('servers', `amortised-${spec.amortiseMonths}-months`, spec.servers * share, 'server-month', perServerMonth,
      mulDivRound(BigInt(spec.servers) * BigInt(spec.serverPrice), BigInt(m.coveredMs), BigInt(spec.amortiseMonths) * BigInt(m.monthMs)));
    line('rack-space', 'rack', share, 'month', microsToUsd(spec.rackPerMonth), part(BigInt(spec.rackPerMonth)));
    line('power', 'circuit', share, 'month', microsToUsd(spec.powerPerMonth), part(BigInt(spec.powerPerMonth)));
    const bw = spec.bandwidth;
    line('bandwidth', 'commit', bw.commitMbps * share, 'Mbps-month', microsToUsd(bw.perMbpsMonth), part(BigInt(bw.commitMbps) * BigInt(bw.perMbpsMonth)));
    const over = Math.max(0, m.percentileMbps - bw.commitMbps);
    if (over > 0) line('bandwidth', `over-commit-p${bw.percentile}`, over * share, 'Mbps-month', microsToUsd(bw.overagePerMbpsMonth), Math.round(over * bw.overagePerMbpsMonth * share));
    line('ip-block', `${spec.ipBlock.addresses}-addresses`, share, 'month', microsToUsd(spec.ipBlock.perMonth), part(BigInt(spec.ipBlock.perMonth)));
  }
  return out;
}
