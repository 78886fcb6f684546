import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

// Results folders with every table the report plots, from test/fixtures/report-scenario.yaml
// (DNS clients and recovery, a service with an auto scaling group, faults, a bill), written
// through the command line as a user would: a TTL sweep of 3 points x 2 replications, and a
// run of 3 replications. Two days each, a few seconds in all.
const SCENARIO = 'test/fixtures/report-scenario.yaml';

async function quietly(argv: string[]): Promise<void> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const status = await main(argv);
    if (status !== 0) throw new Error(`ephemera ${argv.join(' ')} exited ${status}`);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A sweep's results folder: dns.records.1.ttl = 30s, 5m, 1h; 2 replications each. */
export async function sweepFolder(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ephemera-report-sweep-')), 'sweep');
  await quietly(['sweep', SCENARIO, '--vary', 'dns.records.1.ttl=30s,5m,1h', '-r', '2', '--set', 'duration=2d', '--workers', '1', '--out', dir, '-q']);
  return dir;
}

/** A run's results folder: 3 replications. */
export async function runFolder(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ephemera-report-run-')), 'run');
  await quietly(['run', SCENARIO, '-r', '3', '--set', 'duration=2d', '--out', dir, '-q']);
  return dir;
}
