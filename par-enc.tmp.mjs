import { loadScenario } from './dist/src/index.js';
import { runReplication } from './dist/src/experiment/replication.js';
import { encodeRows, CSV_OPTIONS } from './dist/src/metrics/csv-encode.js';
import { formatNumber } from './dist/src/metrics/number-format.js';
import { stringify } from 'csv-stringify/sync';
const s = loadScenario('scenarios/aiderss.yaml').scenario;
const o = runReplication(s, 1, 0);
const ts = o.tables.find(t => t.name === 'timeseries').rows;
for (let k = 0; k < 3; k++) {
let t0 = performance.now(); const e = encodeRows([0], ts); const t1 = performance.now();
let n = 0; for (const r of ts) for (const c of r) n += typeof c === 'number' ? formatNumber(c).length : 0; const t2 = performance.now();
const pre = ts.map(r => r.map(c => typeof c === 'number' ? formatNumber(c) : c)); const t3 = performance.now();
stringify(pre, { record_delimiter: 'unix' }); const t4 = performance.now();
console.log('encodeRows', (t1-t0).toFixed(0), 'formatNumber only', (t2-t1).toFixed(0), 'stringify of strings', (t4-t3).toFixed(0), e.body.length);
}
