import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../../../metrics/table.js';
import { numberAt, pointLabeller, sweepPoints, textAt, type PlotSection } from '../report-input.js';

/** The invoice (invoice.csv) per month and item, averaged over replications; one panel per point of a sweep. */
export const monthlyCost: PlotSection = {
  id: 'monthly-cost',
  title: 'Monthly cost by item',
  needs: ['invoice.csv'],
  build({ tables }) {
    const t = tables.get('invoice');
    if (t === undefined) return 'needs invoice.csv (from a scenario with a price list)';
    const amount = numberAt(t, 'amount_usd');
    const month = textAt(t, 'month');
    const item = textAt(t, 'item');
    const rep = textAt(t, 'replication');
    const points = pointLabeller(t);
    const order = sweepPoints(t);
    const sums = new Map<string, { group: string; point: number; month: string; item: string; usd: number }>();
    const reps = new Map<string, Set<string>>();
    for (const r of t.rows) {
      const group = points.label(r);
      const set = reps.get(group) ?? new Set<string>();
      set.add(rep(r));
      reps.set(group, set);
      const key = `${group}\0${month(r)}\0${item(r)}`;
      const e = sums.get(key) ?? { group, point: points.point(r), month: month(r), item: item(r), usd: 0 };
      e.usd += amount(r) ?? 0;
      sums.set(key, e);
    }
    if (sums.size === 0) return 'invoice.csv has no line items';
    const data = [...sums.values()].map((e) => ({ ...e, usd: e.usd / (reps.get(e.group)?.size ?? 1) }));
    const layer = {
      width: { step: 40 },
      height: 220,
      mark: 'bar',
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'month', axis: { labelAngle: 0 } },
        y: { field: 'usd', type: 'quantitative', aggregate: 'sum', title: 'amount (USD), mean over replications', axis: { format: ',.4~g' } },
        color: { field: 'item', type: 'nominal', title: 'item' },
      },
    };
    const spec = (points.sweep
      ? { data: { values: data }, facet: { field: 'group', type: 'nominal', title: points.title, sort: [...order.labels.values()] }, columns: 3, spec: layer }
      : { data: { values: data }, ...layer }) as unknown as TopLevelSpec;
    const side: Cell[][] = data.map((e) => [...(points.sweep ? [e.group] : []), e.month, e.item, e.usd]);
    return {
      spec,
      marks: ['rect'],
      side: { name: 'monthly cost', columns: [...(points.sweep ? [points.title] : []), 'month', 'item', 'amount_usd'], rows: side },
      caption: 'What each month cost, by item, averaged over replications (invoice.csv).',
    };
  },
};
