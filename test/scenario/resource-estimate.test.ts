import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { BYTES_PER, estimateResources } from '../../src/scenario/resource-estimate.js';

const AIDERSS = readFileSync('scenarios/aiderss.yaml', 'utf8');
const scenario = (set: string[]) => parseScenario(AIDERSS, 'scenarios/aiderss.yaml', { set, limits: false }).scenario;
const clientsPart = (set: string[]) => estimateResources(scenario(set)).parts?.find((p) => p.path.join('.') === 'clients.count');

describe('the memory estimate', () => {
  it('counts only the sampled clients with clients.sample (at most per_resolver of each resolver)', () => {
    const full = clientsPart(['dns.resolvers.count=100000', 'clients.count=100000000']);
    const sampled = clientsPart(['dns.resolvers.count=100000', 'clients.count=100000000', 'clients.sample.per_resolver=20']);
    expect(full?.count).toBe(100_000_000);
    expect(sampled?.count).toBe(2_000_000);
    expect(sampled?.external).toBe(2_000_000 * BYTES_PER.sampledClient.external);
    // A sample larger than the resolvers' clients holds them all.
    expect(clientsPart(['dns.resolvers.count=100', 'clients.count=1000', 'clients.sample.per_resolver=20'])?.count).toBe(1000);
  });

  it('lets the README\'s 10^8-client run through, and refuses 10^8 clients in per-request mode', () => {
    expect(() => parseScenario(AIDERSS, 'scenarios/aiderss.yaml', { set: ['dns.resolvers.count=100000', 'clients.count=100000000', 'clients.sample.per_resolver=20'] })).not.toThrow();
    expect(() => parseScenario(AIDERSS, 'scenarios/aiderss.yaml', { set: ['dns.mode=per-request', 'clients.count=100000000'] })).toThrow(/clients in per-request mode/);
  });
});
