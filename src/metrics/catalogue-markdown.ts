import { SUMMARY_GROUPS, type ColumnEntry, type TableEntry } from './catalogue-entry.js';
import { KEY_COLUMNS, TABLES } from './metric-catalogue.js';
import { METRIC_KINDS, supportOf, type MetricKind } from './metric-kind.js';

/** How each kind's confidence interval is formed (README, describe-metrics). */
export const KIND_INTERVAL: Readonly<Record<MetricKind, string>> = {
  count: 'log',
  fraction: 'logit',
  percent: 'logit of x/100',
  flag: 'logit',
  duration: 'log',
  time: 'log',
  money: 'log',
  rate: 'log',
  size: 'log',
  quantity: 'log',
  index: '-',
  text: '-',
  statistic: '-',
};

const KIND_MEANING: Readonly<Record<MetricKind, string>> = {
  count: 'how many of something (or their time-average)',
  fraction: 'a share',
  percent: 'a share in percent',
  flag: '1 for yes, 0 for no; its mean is the share of yes',
  duration: 'a length of time',
  time: 'a moment, seconds from the start of the run',
  money: 'US dollars',
  rate: 'something per unit of time',
  size: 'an amount of data',
  quantity: 'an amount in the unit its row names',
  index: 'a 0-based number naming a row',
  text: 'an identifier or a category',
  statistic: 'a statistic of another metric, in its unit',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function supportText(kind: MetricKind): string {
  const s = supportOf(kind);
  if (s === undefined) return '-';
  return s.hi === Infinity ? `>= ${s.lo}` : `${s.lo} to ${s.hi}`;
}

/** A Markdown table of columns: column, unit, kind, meaning. */
export function columnsMarkdown(columns: readonly ColumnEntry[]): string {
  const rows = columns.map((c) => `| \`${cell(c.column)}\` | ${cell(c.unit === '' ? '-' : c.unit)} | ${c.kind} | ${cell(c.meaning)} |`);
  return ['| column | unit | kind | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The Markdown of one table: summary.csv by section, the others as one table. */
export function tableMarkdown(table: TableEntry): string {
  if (table.name !== 'summary') return columnsMarkdown(table.columns);
  const parts = [columnsMarkdown(table.columns.filter((c) => c.group === undefined))];
  for (const [group, title] of SUMMARY_GROUPS) {
    const cols = table.columns.filter((c) => c.group === group);
    if (cols.length > 0) parts.push(`*${title}*\n\n${columnsMarkdown(cols)}`);
  }
  return parts.join('\n\n');
}

/** The Markdown table of kinds: values, meaning, and the transform of its confidence interval. */
export function kindsMarkdown(): string {
  const rows = METRIC_KINDS.map((k) => `| ${k} | ${supportText(k)} | ${KIND_MEANING[k]} | ${KIND_INTERVAL[k]} |`);
  return ['| kind | values | meaning | interval scale |', '|---|---|---|---|', ...rows].join('\n');
}

/** Every generated block of the README, by name: `kinds`, `keys`, and one per table. */
export function catalogueBlocks(): ReadonlyMap<string, string> {
  const blocks = new Map<string, string>([['kinds', kindsMarkdown()], ['keys', columnsMarkdown(KEY_COLUMNS)]]);
  for (const t of TABLES) blocks.set(t.name, tableMarkdown(t));
  return blocks;
}

const BLOCK = /<!-- catalogue:([a-z-]+) -->\n[\s\S]*?<!-- \/catalogue:\1 -->/g;

/**
 * The README with every `<!-- catalogue:NAME -->` ... `<!-- /catalogue:NAME -->` block
 * replaced by what the catalogue generates now. Throws when a block names nothing the
 * catalogue generates, or when a generated block has no place in the text.
 */
export function updateCatalogueBlocks(text: string): string {
  const blocks = catalogueBlocks();
  const seen = new Set<string>();
  const out = text.replace(BLOCK, (_, name: string) => {
    const body = blocks.get(name);
    if (body === undefined) throw new Error(`README block catalogue:${name}: the catalogue generates no such block (it has ${[...blocks.keys()].join(', ')})`);
    seen.add(name);
    return `<!-- catalogue:${name} -->\n${body}\n<!-- /catalogue:${name} -->`;
  });
  const missing = [...blocks.keys()].filter((n) => !seen.has(n));
  if (missing.length > 0) throw new Error(`README has no block for ${missing.map((m) => `catalogue:${m}`).join(', ')}: add <!-- catalogue:NAME --> and <!-- /catalogue:NAME --> lines where each belongs`);
  return out;
}
