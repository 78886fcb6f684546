import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { muteOutput } from './mute-output.js';

// A corpus of hostile inputs, each through the command line: a located error (or, where
// accepting is right, the documented behaviour), the exit status, no stack trace, and
// nothing written when it is refused.
const TINY = `name: tiny
duration: 2h
cloud:
  zones:
    us-east-1a: { hosts: 2 }
  network: { tenant_churn: 0/h }
fleet:
  web: { image: ami-f937d290, type: m1.small, count: 1 }
`;
const WITH_DB = `${TINY}  db: { image: ami-f937d290, type: m1.small, count: 1 }\n`;

interface Case {
  readonly name: string;
  /** The scenario file's content (x.yaml unless `file` says otherwise). */
  readonly text?: string | Buffer;
  readonly file?: string;
  /** The command; X is the scenario file, D the case's folder, O the output folder. */
  readonly argv?: readonly string[];
  readonly status: number;
  readonly stderr?: string | RegExp;
  readonly env?: Readonly<Record<string, string>>;
  /** Make things in D first. */
  readonly setup?: (d: string) => void;
}

const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 6 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');

const CASES: Case[] = [
  // The file itself.
  { name: 'a YAML alias bomb', text: `${TINY}${bomb.replace(/^a0/, 'description')}\n`, status: 2, stderr: 'x.yaml:1:1: the YAML aliases (*name) expand too far' },
  { name: 'bytes that are not UTF-8', text: Buffer.concat([Buffer.from('name: tiny\ndescription: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]), status: 2, stderr: 'x.yaml:2:18: not valid UTF-8 at byte 28 (bytes e9 22 0a)' },
  { name: 'a UTF-16 file', text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: tiny', 'utf16le')]), status: 2, stderr: 'x.yaml:1:1: not valid UTF-8 at byte 0' },
  { name: 'an overlong UTF-8 encoding', text: Buffer.concat([Buffer.from(`${TINY}description: `), Buffer.from([0xc0, 0xaf])]), status: 2, stderr: 'not valid UTF-8' },
  { name: 'a UTF-8 byte-order mark is accepted', text: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TINY)]), argv: ['validate', 'X'], status: 0 },
  { name: 'JSON with a trailing comma', file: 'x.json', text: '{"name": "j", "duration": "1h",\n "cloud": {"zones": {"a": {"hosts": 1}}},\n}', status: 2, stderr: 'x.json:3:1: not valid JSON: a trailing comma before "}"' },
  { name: 'JSON with a comment', file: 'x.json', text: '{"name": "j", // mine\n "duration": "1h"}', status: 2, stderr: 'x.json:1:15: not valid JSON: expected a double-quoted key' },
  { name: 'JSON with single quotes', file: 'x.json', text: "{'name': 'j'}", status: 2, stderr: 'x.json:1:2: not valid JSON: expected a double-quoted key' },
  { name: 'JSON cut short', file: 'x.json', text: '{"name": "j", "duration": "1h"', status: 2, stderr: 'x.json:1:31: not valid JSON: expected "," or "}", got the end of the file' },
  { name: 'valid JSON is read', file: 'x.json', text: JSON.stringify({ name: 'j', duration: '1h', cloud: { zones: { a: { hosts: 1 } } } }), argv: ['validate', 'X'], status: 0 },
  { name: 'an empty file', text: '', status: 2, stderr: 'x.yaml:1:1: expected a mapping of scenario keys' },
  { name: 'a list instead of a mapping', text: '- name: tiny\n', status: 2, stderr: 'x.yaml:1:1: expected a mapping of scenario keys' },
  { name: 'a duplicate key', text: `${TINY}duration: 3h\n`, status: 2, stderr: 'x.yaml:9:1: duplicate key "duration" (first at line 2)' },
  { name: '40,000 unknown keys: 20 listed, the rest counted', text: `${TINY}${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`, status: 2, stderr: /x\.yaml:28:1: k19: unknown key "k19"[^\n]*\n\.\.\. and 39980 more problems\n$/ },
  { name: 'a tab in the indentation', text: 'name: tiny\ncloud:\n\tzones: {}\n', status: 2, stderr: 'x.yaml:3:1: invalid YAML' },
  { name: 'an unclosed flow mapping', text: 'name: tiny\ncloud: { zones: { a: { hosts: 1 }\n', status: 2, stderr: 'invalid YAML' },
  { name: '5,000 nested lists', text: `${TINY}description: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, status: 2, stderr: /x\.yaml:9:\d+: invalid YAML: collections nested too deeply/ },
  { name: 'a NUL byte', text: `${TINY}description: "a\u0000b"\n`, argv: ['validate', 'X'], status: 0 },
  { name: 'random Unicode keys and values', text: `${TINY}ключ: 值\n"🙂": "\u202e"\n`, status: 2, stderr: 'x.yaml:9:1: ключ: unknown key "ключ"' },
  { name: 'a folder as the scenario', argv: ['run', 'D', '--out', 'O'], status: 2, stderr: 'cannot read scenario: is a directory' },
  { name: 'a missing scenario', argv: ['run', 'D/nope.yaml', '--out', 'O'], status: 2, stderr: 'nope.yaml: cannot read scenario: no such file' },
  { name: 'a scenario file over 16 MB', text: `${TINY}#${' '.repeat(17 * 1024 * 1024)}\n`, status: 2, stderr: 'scenario files are read whole and may have at most 16777216' },
  // --set
  { name: '--set through a single value', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'duration.x=1'], status: 2, stderr: '--set duration.x=1: duration.x: duration is a single value, not a mapping or a list, so it has no "x"' },
  { name: '--set past the end of a list', text: `${TINY}actions: [ { at: 1h, run: "ec2-describe-instances" } ]\n`, argv: ['run', 'X', '--out', 'O', '--set', 'actions.3.at=2h'], status: 2, stderr: '--set actions.3.at=2h: actions.3.at: actions has 1 item(s), numbered 0 to 0: index 3 would leave a gap' },
  { name: '--set into a section the file lacks is blamed on the --set', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'dns.records.0.ttl=5m'], status: 2, stderr: /^--set dns\.records\.0\.ttl=5m: dns\.records\.0\.type: missing/m },
  { name: '--set without =', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'duration'], status: 2, stderr: '--set duration: expected PATH=VALUE' },
  { name: '--set with an empty path segment', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'cloud..zones=1'], status: 2, stderr: 'empty segment in path' },
  { name: '--set with a value that is not YAML', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'duration=[1h'], status: 2, stderr: '--set duration=[1h: the value is not valid YAML' },
  { name: '--set replications past the cap', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'replications=100001'], status: 2, stderr: '--set replications=100001: replications: expected a number <= 100000' },
  { name: '--set a fleet of 10^12', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'fleet.web.count=1000000000000'], status: 2, stderr: 'fleet.web.count: expected a number <= 1000000, got 1000000000000' },
  { name: '--set a number too large for a float', text: TINY, argv: ['run', 'X', '--out', 'O', '--set', 'cloud.zones.us-east-1a.hosts=1e400'], status: 2, stderr: 'cloud.zones.us-east-1a.hosts' },
  // Options
  { name: '-r past the cap, as replications: is', text: TINY, argv: ['run', 'X', '--out', 'O', '-r', '100001'], status: 2, stderr: '--replications 100001: expected an integer from 1 to 100000' },
  { name: '-r 0', text: TINY, argv: ['run', 'X', '--out', 'O', '-r', '0'], status: 2, stderr: '--replications 0: expected an integer from 1 to 100000' },
  { name: '--seed -1', text: TINY, argv: ['run', 'X', '--out', 'O', '--seed', '-1'], status: 2, stderr: '--seed "-1": expected an integer from 0 to 4294967295' },
  { name: '--seed 2^32', text: TINY, argv: ['run', 'X', '--out', 'O', '--seed', '4294967296'], status: 2, stderr: '--seed 4294967296: expected an integer from 0 to 4294967295' },
  { name: '--workers 100000', text: TINY, argv: ['sweep', 'X', '--out', 'O', '-w', '100000'], status: 2, stderr: '--workers 100000: expected an integer from 1 to 256' },
  { name: '--shard 1/99999999999999999999', text: TINY, argv: ['sweep', 'X', '--out', 'O', '--shard', '1/99999999999999999999'], status: 2, stderr: '--shard 1/99999999999999999999: K and N must be whole numbers up to 9007199254740991' },
  { name: '--shard 1/5 of a 2-job sweep', text: TINY, argv: ['sweep', 'X', '--out', 'O', '-r', '2', '--shard', '1/5'], status: 2, stderr: '--shard 1/5: the sweep has 2 job(s) (1 point(s) x 2 replication(s)), fewer than 5 shards' },
  { name: '--shard 0/2', text: TINY, argv: ['sweep', 'X', '--out', 'O', '--shard', '0/2'], status: 2, stderr: '--shard 0/2: K must be from 1 to N' },
  { name: 'Slurm variables that do not fit', text: TINY, argv: ['sweep', 'X', '--out', 'O'], env: { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_COUNT: '2' }, status: 2, stderr: 'SLURM_ARRAY_TASK_ID=7 is not one of the 2 tasks' },
  { name: '--vary seed', text: TINY, argv: ['sweep', 'X', '--out', 'O', '--vary', 'seed=1,2'], status: 2, stderr: '--vary seed=1,2' },
  { name: '--vary a bad value is blamed on the --vary', text: TINY, argv: ['sweep', 'X', '--out', 'O', '--vary', 'cloud.zones.us-east-1a.hosts=2,many'], status: 2, stderr: '--vary cloud.zones.us-east-1a.hosts=2,many (value many): cloud.zones.us-east-1a.hosts: expected a number' },
  // The scenario's content
  { name: 'an unclosed ${role.private_ip', text: WITH_DB.replace('count: 1 }\n  db', 'count: 1, user_data: "db=${db.private_ip" }\n  db'), status: 2, stderr: 'fleet.web.user_data: "${db.private_ip" is not a reference like ${db.private_ip}' },
  { name: 'a shell variable in user data is kept', text: TINY.replace('count: 1 }', 'count: 1, user_data: "home=${HOME}" }'), argv: ['validate', 'X'], status: 0 },
  { name: 'user data naming its own role', text: TINY.replace('count: 1 }', 'count: 1, user_data: "me=${web.private_ip}" }'), status: 2, stderr: 'fleet.web.user_data: ${web.private_ip}: a role cannot name itself' },
  { name: 'ec2-authorize -o of a group nobody names', text: `${TINY}actions: [ { at: 0s, run: "ec2-authorize default -P tcp -p 80 -o nosuchgroup" } ]\n`, status: 2, stderr: 'actions.0.run: -o nosuchgroup: unknown security group "nosuchgroup"' },
  { name: 'ec2-authorize -o another account\'s group is accepted', text: `${TINY}actions: [ { at: 0s, run: "ec2-authorize default -P tcp -p 80 -o theirs -u 123456789012" } ]\n`, argv: ['validate', 'X'], status: 0 },
  { name: 'ec2-run-instances -n 10^12', text: `${TINY}actions: [ { at: 1h, run: "ec2-run-instances ami-f937d290 -n 1000000000000" } ]\n`, status: 2, stderr: 'actions.0.run: ec2-run-instances: -n expects an integer from 1 to 1000000' },
  { name: 'an action after the end', text: `${TINY}actions: [ { at: 3h, run: "ec2-describe-instances" } ]\n`, status: 2, stderr: 'actions.0.at: at 3h is after the end of the run (duration 2h)' },
  { name: 'failure-trace rows after the end', text: `${TINY}faults: { trace: trace.csv }\n`, setup: (d) => writeFileSync(join(d, 'trace.csv'), 'host,start_s,end_s\nus-east-1a-h00000,60,120\nus-east-1a-h00001,9000,9600\n'), status: 2, stderr: 'trace.csv, line 3: start_s 9000 is after the end of the run (duration 2h)' },
  { name: 'a thousand years of simulated time', text: TINY.replace('duration: 2h', 'duration: 1000y'), status: 2, stderr: 'duration: expected at most 100y of simulated time' },
  { name: 'a duration of 0', text: TINY.replace('duration: 2h', 'duration: 0'), status: 2, stderr: 'x.yaml:2:11: duration: expected a duration greater than 0' },
  { name: 'a duration in unknown units', text: TINY.replace('duration: 2h', 'duration: 2 fortnights'), status: 2, stderr: 'duration: bad duration "2 fortnights"' },
  { name: 'negative hosts', text: TINY.replace('hosts: 2', 'hosts: -2'), status: 2, stderr: 'cloud.zones.us-east-1a.hosts: expected a number >= 1, got -2' },
  { name: 'a name that climbs out of results/', text: TINY.replace('name: tiny', 'name: ../../etc'), status: 2, stderr: 'name: expected a name of letters, digits, dots, dashes and underscores' },
  { name: '100 zones of the largest size: refused by the memory estimate', text: `name: big\nduration: 1h\ncloud:\n  zones:\n${Array.from({ length: 100 }, (_, i) => `    z${i}: { hosts: 10000000 }`).join('\n')}\n`, status: 2, stderr: /cloud\.zones\.z0\.hosts: one replication would need about 400 GB of heap \(1,000,000,000 hosts \(100 zone\(s\)\)[^\n]*fewer hosts/ },
  { name: '10^8 clients in per-request mode: refused, with dns.mode: sampled as the remedy', text: `${TINY}recovery: { front_end: web }\ndns:\n  mode: per-request\n  records: [ { name: www.x.com, type: A, ttl: 60s, to: [web] } ]\n  resolvers: { count: 5000 }\nclients: { count: 100000000, request_every: 1m }\n`, status: 2, stderr: /clients\.count: one replication would need about 20 GB of heap \(100,000,000 clients in per-request mode[^\n]*dns\.mode: sampled/ },
  // Found by the fuzz test (test/cli/fuzz.test.ts)
  { name: 'a backup every 6 ms (28 million stored backups in two days)', text: TINY.replace('count: 1 }', 'count: 1, disk_write: 2GB/h, backup_every: 6ms }'), status: 2, stderr: 'fleet.web.backup_every: expected at least 1m between backups' },
  { name: 'a lognormal whose samples overflow', text: `${TINY}faults: { hardware: { ttf: { exponential: { mean: 30d } }, repair: { lognormal: { median: 4h, sigma: 1e308 } } } }
`, status: 2, stderr: 'faults.hardware.repair: these parameters give samples that cannot be computed (Infinity at an extreme draw)' },
  { name: 'more front ends on elastic IPs than the account may hold', text: `${TINY.replace('count: 1 }', 'count: 13 }')}recovery: { front_end: web, method: elastic-ip }
`, status: 2, stderr: 'recovery.method: recovery by elastic-ip gives each of the 13 web instance(s) in service an elastic IP, but the account may hold 5' },
  { name: 'an empty list of records (with other errors: no cross-check of a broken section)', text: `${TINY}recovery: { front_end: web }
dns: { records: [], resolvers: { count: 10 } }
clients: { count: 10, request_every: 1m }
`, status: 2, stderr: 'dns.records: expected at least 1 item(s)' },
  { name: 'a billion other tenants an hour', text: TINY.replace('tenant_churn: 0/h', 'tenant_churn: 1000000000/h'), status: 2, stderr: 'cloud.network.tenant_churn: expected at most 100000/h' },
  { name: 'a health check every millisecond', text: `${TINY}recovery: { front_end: web, method: elastic-ip, health_check: { every: 1ms } }
`, status: 2, stderr: 'recovery.health_check.every: expected at least 1s between health checks' },
  // Outputs
  { name: '--out a file', text: TINY, setup: (d) => writeFileSync(join(d, 'f'), 'x'), argv: ['run', 'X', '--out', 'D/f'], status: 1, stderr: 'f: this is a file, not a folder; choose another --out' },
  { name: '--out below a file', text: TINY, setup: (d) => writeFileSync(join(d, 'f'), 'x'), argv: ['run', 'X', '--out', 'D/f/out'], status: 1, stderr: 'is a file, not a folder; choose another --out' },
  { name: '--out a folder of someone else\'s', text: TINY, setup: (d) => { mkdirSync(join(d, 'o')); writeFileSync(join(d, 'o', 'thesis.tex'), 'x'); }, argv: ['run', 'X', '--out', 'D/o'], status: 2, stderr: 'it is not empty and it has no manifest.json' },
  { name: '--out the scenario\'s own folder', text: TINY, argv: ['run', 'X', '--out', 'D'], status: 2, stderr: 'which this command reads' },
  { name: 'compare a folder that does not exist', argv: ['compare', 'D/a', 'D/b'], status: 2, stderr: 'D/a: no such results folder' },
  { name: 'report of a folder without results', setup: (d) => mkdirSync(join(d, 'empty')), argv: ['report', 'D/empty'], status: 2, stderr: 'holds no result tables' },
  { name: 'merge of a folder that is not a shard', setup: (d) => mkdirSync(join(d, 'empty')), argv: ['merge', 'D/empty', '--out', 'O'], status: 2, stderr: 'is not a results folder ephemera wrote: it has no manifest.json' },
];

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ephemera-hostile-'));
  stderr = '';
  muteOutput((text) => {
    stderr += text;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('hostile inputs', () => {
  it('the corpus has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const file = join(dir, c.file ?? 'x.yaml');
      if (c.text !== undefined) writeFileSync(file, c.text);
      c.setup?.(dir);
      for (const [k, v] of Object.entries(c.env ?? {})) vi.stubEnv(k, v);
      const out = join(dir, 'out');
      const argv = (c.argv ?? ['run', 'X', '--out', 'O', '-r', '1']).map((a) => a.replace(/^X$/, file).replace(/^O$/, out).replace(/^D(?=\/|$)/, dir));
      expect(await main(argv[0] === 'validate' ? argv : [...argv, '-q']), stderr).toBe(c.status);
      if (c.stderr !== undefined) {
        const want = typeof c.stderr === 'string' ? c.stderr.replace(/^D\//, `${dir}/`) : c.stderr;
        if (typeof want === 'string') expect(stderr).toContain(want);
        else expect(stderr).toMatch(want);
      }
      expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(stderr).not.toContain('internal error');
      if (c.status !== 0) expect(existsSync(out)).toBe(false);
    });
  }
});
