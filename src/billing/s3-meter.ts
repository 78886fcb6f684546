import type { EventBus } from '../engine/index.js';
import type { CloudEvents } from '../cloud/events.js';
import { monthSpans } from '../network/calendar.js';
import type { PriceCatalog } from './catalog.js';
import type { LineItem } from './line-item.js';
import { microsToUsd, mulDivRound } from './money.js';
import { monthLengthMs } from './month.js';
import { chargeTiers } from './tiers.js';
import { gbUnit, tierLabel } from './transfer-charges.js';

/** S3's largest object in 2008 (5 GB): a backup bigger than this takes several PUTs. */
export const S3_MAX_OBJECT_BYTES = 5 * 2 ** 30;

/**
 * Something stored in S3 from `fromMs` to the end of the run; with `count` and `everyMs`,
 * a series of `count` such objects stored at fromMs, fromMs + everyMs, ... (one role's
 * backups), integrated in closed form rather than one by one.
 */
export interface StoredObject {
  readonly bytes: number;
  readonly fromMs: number;
  readonly count?: number;
  readonly everyMs?: number;
}

/** An image of ours (private: bundled into our own bucket), stored for the whole run. */
export interface StoredImage {
  readonly id: string;
  readonly sizeBytes: number;
}

interface Writer {
  readonly rate: number;
  readonly everyMs: number;
  readonly runningMs: number;
  endMs: number | undefined;
}

/**
 * Meters what the customer keeps in S3: private images (for the whole run) and the
 * instance-store backups of roles with `disk_write` and `backup_every`. Backups are
 * incremental and kept: each one, at running + k × backup_every while the instance lives,
 * stores what was written since the previous one, in one PUT per started 5 GB. Restores
 * (GETs) are not modelled. Like data-loss.ts, analytical: no per-backup events.
 */
export class S3Meter {
  readonly #images: readonly StoredImage[];
  readonly #writers = new Map<string, Writer>();

  constructor(bus: EventBus<CloudEvents>, images: readonly StoredImage[]) {
    this.#images = images;
    bus.on('instance.running', (e) => {
      const { diskWriteBytesPerMs: rate, backupEveryMs: every } = e.instance.spec;
      if (e.reboot || rate === undefined || rate <= 0 || every === undefined || this.#writers.has(e.instance.id)) return;
      this.#writers.set(e.instance.id, { rate, everyMs: every, runningMs: e.timeMs, endMs: undefined });
    });
    bus.on('instance.terminated', (e) => {
      const w = this.#writers.get(e.instance.id);
      if (w !== undefined) w.endMs = e.timeMs;
    });
  }

  /** Everything stored up to `endMs` (each instance's backups as one series), and the PUT requests by month. */
  usage(endMs: number, startEpochMs: number): { objects: StoredObject[]; puts: Map<string, number> } {
    const objects: StoredObject[] = this.#images.map((i) => ({ bytes: i.sizeBytes, fromMs: 0 }));
    const puts = new Map<string, number>();
    const months = monthSpans(startEpochMs, 0, endMs);
    for (const w of this.#writers.values()) {
      const bytes = Math.round(w.rate * w.everyMs);
      const last = Math.min(w.endMs ?? endMs, endMs);
      const first = w.runningMs + w.everyMs;
      if (first > last) continue;
      const count = Math.floor((last - first) / w.everyMs) + 1;
      objects.push({ bytes, fromMs: first, count, everyMs: w.everyMs });
      const perBackup = Math.max(1, Math.ceil(bytes / S3_MAX_OBJECT_BYTES));
      for (const m of months) {
        const n = before(first, w.everyMs, count, m.toMs) - before(first, w.everyMs, count, m.fromMs);
        if (n > 0) puts.set(m.month, (puts.get(m.month) ?? 0) + n * perBackup);
      }
    }
    return { objects, puts };
  }
}

/** How many of the series fromMs + j everyMs (j < count) fall before `t`. */
function before(fromMs: number, everyMs: number, count: number, t: number): number {
  return Math.min(count, Math.max(0, Math.ceil((t - fromMs) / everyMs)));
}

/** Byte-ms an object (or series) holds in S3 over [a, b), exactly. */
function byteMsIn(o: StoredObject, a: number, b: number): bigint {
  const every = o.everyMs ?? 0;
  const count = o.count ?? 1;
  if (count === 1 || every <= 0) return BigInt(o.bytes) * BigInt(Math.max(0, b - Math.max(a, o.fromMs)));
  const ja = before(o.fromMs, every, count, a);
  const jb = before(o.fromMs, every, count, b);
  // Stored before a: the whole span each; within [a, b): b - (fromMs + j every) each.
  const n = BigInt(jb - ja);
  const partial = n * BigInt(b - o.fromMs) - (BigInt(every) * (BigInt(ja + jb - 1) * n)) / 2n;
  return BigInt(o.bytes) * (BigInt(ja) * BigInt(b - a) + partial);
}

/**
 * `s3-storage` and `s3-requests` line items. Storage is charged as Amazon measured it:
 * byte-hours over the month, divided by the month's length, gives GB-months, tiered on the
 * month's total; requests at the catalog's price per batch (prorated: 1,500 PUTs at
 * $0.01 per 1,000 cost $0.015).
 */
export function s3Lines(objects: readonly StoredObject[], puts: ReadonlyMap<string, number>, endMs: number, startEpochMs: number, catalog: PriceCatalog): LineItem[] {
  const out: LineItem[] = [];
  for (const m of monthSpans(startEpochMs, 0, endMs)) {
    // Stored bytes integrated over [m.fromMs, m.toMs) exactly, in byte-ms.
    let byteMs = 0n;
    for (const o of objects) byteMs += byteMsIn(o, m.fromMs, m.toMs);
    if (byteMs === 0n) continue;
    const unit = BigInt(catalog.gbBytes) * BigInt(monthLengthMs(m.month));
    for (const c of chargeTiers(byteMs, unit, catalog.s3.storage)) {
      out.push({
        month: m.month, item: 's3-storage', type: tierLabel(catalog.s3.storage, c.tier - 1), quantity: Number(c.quantity) / Number(unit),
        unit: `${gbUnit(catalog.gbBytes)}-month`, unitPriceUsd: microsToUsd(c.unitMicros), amount: c.amount, category: 's3',
      });
    }
  }
  const put = catalog.s3.put;
  for (const [month, n] of puts) {
    out.push({ month, item: 's3-requests', type: 'put', quantity: n, unit: 'request', unitPriceUsd: microsToUsd(put.micros) / put.per, amount: mulDivRound(BigInt(n), BigInt(put.micros), BigInt(put.per)), category: 's3' });
  }
  return out;
}
