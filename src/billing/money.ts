/**
 * Money as integer micro-dollars (1 USD = 1,000,000 µ$). Every amount is an integer, so sums
 * are exact (a million charges of $0.10 make exactly $100,000); products that need more than
 * 53 bits go through BigInt. Dollars appear only when a table is written (`microsToUsd`).
 */

/** An amount in integer micro-dollars. */
export type Micros = number;

/** Micro-dollars in one US dollar. */
export const MICROS_PER_USD = 1_000_000;

/**
 * A price written in USD (a catalog's 0.10, a scenario's 3000) → micro-dollars; undefined
 * when it is negative, not finite, or finer than a micro-dollar (e.g. 0.0000001).
 */
export function usdToMicros(usd: number): Micros | undefined {
  if (!Number.isFinite(usd) || usd < 0) return undefined;
  const scaled = usd * MICROS_PER_USD;
  const micros = Math.round(scaled);
  // Decimal prices are not exact in binary: 0.1 * 1e6 is 100000.00000000001; allow that noise only.
  if (Math.abs(scaled - micros) > 1e-6 * Math.max(1, micros) || !Number.isSafeInteger(micros)) return undefined;
  return micros;
}

/** Micro-dollars → USD, for writing only (never add the result to anything). */
export function microsToUsd(micros: Micros): number {
  return micros / MICROS_PER_USD;
}

/** round-half-up(a × b / c) for non-negative integers, exact at any size; a safe integer. */
export function mulDivRound(a: bigint, b: bigint, c: bigint): Micros {
  if (a < 0n || b < 0n || c <= 0n) throw new RangeError(`mulDivRound expects a, b >= 0 and c > 0, got ${a}, ${b}, ${c}`);
  const q = (2n * a * b + c) / (2n * c);
  const n = Number(q);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${q} µ$ is beyond what can be summed exactly`);
  return n;
}

/** Sums micro-dollar amounts; throws if any is not a safe integer (a float slipped in). */
export function sumMicros(amounts: Iterable<Micros>): Micros {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an integer amount of micro-dollars: ${a}`);
    total += a;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError(`total ${total} µ$ is beyond what can be summed exactly`);
  return total;
}
