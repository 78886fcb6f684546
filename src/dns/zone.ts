/** An authoritative record as the scenario declares it. */
export type RecordSpec =
  | { readonly type: 'A'; readonly name: string; readonly ttlMs: number }
  | { readonly type: 'CNAME'; readonly name: string; readonly ttlMs: number; readonly target: string };

/** One state of a name's answer: the addresses the authoritative servers give from `fromMs`. */
export interface Version {
  readonly index: number;
  readonly fromMs: number;
  readonly addresses: readonly string[];
}

/**
 * The authoritative zone: A and CNAME records with TTLs, and every A record's history of
 * answers. An update takes effect at the time it is applied (the caller adds the
 * propagation delay). Queries resolve CNAME chains to the final A record; a chain's answer
 * lives as long as its A record's TTL (the CNAME, cached on its own, only adds queries).
 */
export class AuthoritativeZone {
  readonly records: ReadonlyMap<string, RecordSpec>;
  readonly #history = new Map<string, Version[]>();
  /** Each name's version list, once its CNAME chain has been followed. */
  readonly #resolved = new Map<string, Version[]>();

  constructor(records: readonly RecordSpec[]) {
    this.records = new Map(records.map((r) => [r.name, r]));
    for (const r of records) if (r.type === 'A') this.#history.set(r.name, []);
  }

  /** The A record a name resolves to (following CNAMEs); throws for a dangling chain or a loop. */
  finalA(name: string): Extract<RecordSpec, { type: 'A' }> {
    const seen = new Set<string>();
    let r = this.records.get(name);
    while (r !== undefined && r.type === 'CNAME') {
      if (seen.has(r.name)) throw new Error(`CNAME loop at ${r.name}`);
      seen.add(r.name);
      r = this.records.get(r.target);
    }
    if (r === undefined) throw new Error(`${name} does not resolve to an A record`);
    return r;
  }

  /** The records a resolver caches to answer `name`, the chain in order (CNAMEs, then the A). */
  chain(name: string): RecordSpec[] {
    const out: RecordSpec[] = [];
    let r = this.records.get(name);
    while (r !== undefined) {
      out.push(r);
      if (r.type === 'A') break;
      r = this.records.get(r.target);
    }
    return out;
  }

  /** Sets an A record's addresses from `timeMs` on (no-op when unchanged). */
  set(name: string, addresses: readonly string[], timeMs: number): void {
    const h = this.#history.get(name);
    if (h === undefined) throw new Error(`no A record ${name}`);
    const last = h[h.length - 1];
    if (last !== undefined) {
      if (timeMs < last.fromMs) throw new Error(`${name}: update at ${timeMs} ms is before the last one (${last.fromMs} ms)`);
      if (last.addresses.length === addresses.length && last.addresses.every((a, i) => a === addresses[i])) return;
      if (last.fromMs === timeMs) {
        h[h.length - 1] = { index: last.index, fromMs: timeMs, addresses: [...addresses] };
        return;
      }
    }
    h.push({ index: h.length, fromMs: timeMs, addresses: [...addresses] });
  }

  /** Every version of an A record's answer, oldest first. */
  versions(name: string): readonly Version[] {
    let v = this.#resolved.get(name);
    if (v === undefined) {
      v = this.#history.get(this.finalA(name).name) ?? [];
      this.#resolved.set(name, v);
    }
    return v;
  }

  /** The version in force at `timeMs` (undefined before the record is first published). */
  versionAt(name: string, timeMs: number): Version | undefined {
    const h = this.versions(name);
    let lo = 0;
    let hi = h.length - 1;
    let found: Version | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid]!.fromMs <= timeMs) {
        found = h[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
