import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';

/** The service's Internet traffic from `fromMs` until the next step, bytes per ms each way. */
export interface RateStep {
  readonly fromMs: number;
  readonly in: number;
  readonly out: number;
}

/** A role's Internet traffic, bytes per ms (absent = 0). */
export interface RoleRates {
  readonly in?: number | undefined;
  readonly out?: number | undefined;
}

/**
 * The service's Internet traffic as a step function of time, from the cloud's events and
 * the roles' traffic figures, by the traffic meter's rule: a role's figures flow while at
 * least one of its instances runs (split among them, so the total does not depend on how
 * many), and not at all while none does (booting, rebooting, gone). The steps change only
 * when a role starts or stops serving: no event per sample, nothing polled. Bytes that
 * other layers add to the traffic meter one by one are not in it.
 */
export class InternetRateMeter {
  readonly #rates: ReadonlyMap<string, RoleRates>;
  readonly #serving = new Set<string>();
  readonly #count = new Map<string, number>();
  readonly #steps: RateStep[] = [{ fromMs: 0, in: 0, out: 0 }];

  constructor(bus: EventBus<CloudEvents>, rates: ReadonlyMap<string, RoleRates>) {
    this.#rates = rates;
    bus.on('instance.running', (e) => this.#change(e.instance.id, e.instance.spec.role, e.timeMs, true));
    for (const type of ['instance.rebooting', 'instance.shutting-down', 'instance.terminated'] as const) {
      bus.on(type, (e) => this.#change(e.instance.id, e.instance.spec.role, e.timeMs, false));
    }
  }

  /** The steps so far, in time order; the first starts at 0. */
  get steps(): readonly RateStep[] {
    return this.#steps;
  }

  #change(id: string, role: string, t: number, join: boolean): void {
    if (!this.#rates.has(role) || this.#serving.has(id) === join) return;
    if (join) this.#serving.add(id);
    else this.#serving.delete(id);
    const before = this.#count.get(role) ?? 0;
    const after = before + (join ? 1 : -1);
    this.#count.set(role, after);
    if ((before > 0) === (after > 0)) return;
    let rin = 0;
    let rout = 0;
    for (const [r, rates] of this.#rates) {
      if ((this.#count.get(r) ?? 0) === 0) continue;
      rin += rates.in ?? 0;
      rout += rates.out ?? 0;
    }
    const last = this.#steps.at(-1)!;
    if (last.fromMs === t) this.#steps.pop();
    const prev = this.#steps.at(-1);
    if (prev !== undefined && prev.in === rin && prev.out === rout) return;
    this.#steps.push({ fromMs: t, in: rin, out: rout });
  }
}

/** The sum of two step functions of Internet traffic (each starting at 0 or later; 0 before). */
export function addSteps(a: readonly RateStep[], b: readonly RateStep[]): RateStep[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const times = [...new Set([...a, ...b].map((s) => s.fromMs))].sort((x, y) => x - y);
  const out: RateStep[] = [];
  let ia = 0;
  let ib = 0;
  for (const t of times) {
    while (ia + 1 < a.length && a[ia + 1]!.fromMs <= t) ia++;
    while (ib + 1 < b.length && b[ib + 1]!.fromMs <= t) ib++;
    const x = a[ia]!.fromMs <= t ? a[ia] : undefined;
    const y = b[ib]!.fromMs <= t ? b[ib] : undefined;
    const step = { fromMs: t, in: (x?.in ?? 0) + (y?.in ?? 0), out: (x?.out ?? 0) + (y?.out ?? 0) };
    const prev = out.at(-1);
    if (prev === undefined || prev.in !== step.in || prev.out !== step.out) out.push(step);
  }
  return out;
}
