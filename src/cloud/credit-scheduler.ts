/**
 * The long-run arithmetic of Xen's credit scheduler on one host: how an overcommitted host's
 * CPU is shared among its guests, and the steal time each guest sees as a result. Pure
 * functions of the current demands; the model calls them whenever a demand changes.
 *
 * Units: CPU in ECU-equivalents (1 ECU ≈ a 2007 1.0-1.2 GHz Opteron/Xeon), as rates, not work.
 */

/** One guest (domU) as the scheduler sees it. */
export interface CreditGuest {
  /** Xen weight, > 0; proportional to the guest's ECUs (only ratios between guests matter). */
  readonly weight: number;
  /** Most ECUs it may use, >= 0; Infinity for no cap. (Unlike Xen's `cap=0`, 0 here means none.) */
  readonly cap: number;
  /** ECUs it would use now if nothing held it back, finite and >= 0. */
  readonly demand: number;
}

/**
 * Each guest's CPU allocation in ECUs when the guests share `capacity` ECUs (what the host
 * offers guests after dom0) by weight: weighted max-min fairness (water-filling). A guest
 * never gets more than min(demand, cap); what a guest leaves unused is shared among the others
 * in proportion to their weights, until every want is met or the capacity is used up. The
 * result is work-conserving: its sum is min(capacity, Σ min(demand, cap)), up to rounding.
 *
 * Returns allocations in the guests' order; an empty array for no guests. O(g log g).
 * Throws RangeError for a negative or non-finite capacity, a non-positive or non-finite
 * weight, a negative or NaN cap, or a negative or non-finite demand.
 */
export function creditShares(capacity: number, guests: readonly CreditGuest[]): number[] {
  if (!Number.isFinite(capacity) || capacity < 0) throw new RangeError(`capacity must be finite and >= 0, got ${capacity}`);
  const wants = guests.map((g, i) => {
    if (!Number.isFinite(g.weight) || g.weight <= 0) throw new RangeError(`guest ${i}: weight must be finite and > 0, got ${g.weight}`);
    if (Number.isNaN(g.cap) || g.cap < 0) throw new RangeError(`guest ${i}: cap must be >= 0 (Infinity for none), got ${g.cap}`);
    if (!Number.isFinite(g.demand) || g.demand < 0) throw new RangeError(`guest ${i}: demand must be finite and >= 0, got ${g.demand}`);
    return Math.min(g.demand, g.cap);
  });
  const total = wants.reduce((a, b) => a + b, 0);
  if (total <= capacity) return wants;

  // Fill guests in order of want per unit weight: while the next guest's want fits within its
  // weighted share of what is left, it is satisfied and leaves; the rest split the remainder.
  const order = guests.map((_, i) => i).sort((a, b) => wants[a]! / guests[a]!.weight - wants[b]! / guests[b]!.weight);
  const shares = new Array<number>(guests.length).fill(0);
  let left = capacity;
  let weightLeft = guests.reduce((a, g) => a + g.weight, 0);
  let k = 0;
  for (; k < order.length; k++) {
    const i = order[k]!;
    const w = guests[i]!.weight;
    if (wants[i]! * weightLeft > w * left) break;
    shares[i] = wants[i]!;
    left -= wants[i]!;
    weightLeft -= w;
  }
  // Each remaining guest wants more than its share: they split `left` by weight.
  for (; k < order.length; k++) {
    const i = order[k]!;
    shares[i] = Math.max(0, (left * guests[i]!.weight) / weightLeft);
  }
  return shares;
}

/**
 * Each guest's steal fraction, 0..1, as its `top` shows it in `st`: the part of what it
 * could use, min(demand, cap), that it did not get because the host was overcommitted,
 * (min(demand, cap) - allocation) / min(demand, cap). A cap is the guest's own limit, not
 * steal. 0 for a guest that wants nothing (demand or cap 0). `shares` defaults to
 * `creditShares(capacity, guests)`; pass them when already computed.
 */
export function stealFractions(
  capacity: number,
  guests: readonly CreditGuest[],
  shares: readonly number[] = creditShares(capacity, guests),
): number[] {
  return guests.map((g, i) => {
    const want = Math.min(g.demand, g.cap);
    if (want <= 0) return 0;
    return Math.min(1, Math.max(0, (want - (shares[i] ?? 0)) / want));
  });
}
