import type * as z from 'zod';
import { didYouMean } from '../engine/did-you-mean.js';
import type { ScenarioShape } from './schema.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Checks the DNS, clients and recovery sections against each other and the fleet. */
export function dnsCheck(s: ScenarioShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const roles = Object.keys(s.fleet);
  const dns = s.dns;
  if (dns === undefined) {
    if (s.clients !== undefined) issue(['clients'], 'clients need a dns: section (the records they look up and their resolvers)');
    if (s.recovery !== undefined && s.recovery.method !== 'elastic-ip') issue(['recovery'], 'recovery by DNS needs a dns: section with the record to update');
  } else {
    if (s.clients === undefined && dns.replay === undefined) issue(['dns'], 'a dns: section needs clients: (who looks the name up) or a replay: query log');
    if (s.clients?.sample !== undefined && dns.mode === 'per-request') issue(['clients', 'sample'], 'clients.sample needs dns.mode: sampled (per-request mode simulates every client); remove sample or set mode: sampled');
    const names = dns.records.map((r) => r.name);
    dns.records.forEach((r, i) => {
      if (names.indexOf(r.name) !== i) issue(['dns', 'records', i, 'name'], `${r.name} is declared twice`);
      if (r.type === 'CNAME' && !names.includes(r.to)) issue(['dns', 'records', i, 'to'], `CNAME target ${r.to} is not a record of this zone; declare it (known: ${names.join(', ')})`);
      if (r.type === 'A') {
        r.to.forEach((t, j) => {
          if (IPV4.test(t) || roles.includes(t)) return;
          const guess = didYouMean(t, roles);
          issue(['dns', 'records', i, 'to', j], `"${t}" is neither a fleet role nor an IPv4 address${guess ? ` (did you mean "${guess}"?)` : ''}; roles: ${roles.join(', ') || '(none)'}`);
        });
      }
    });
    if (dns.name !== undefined && !names.includes(dns.name)) issue(['dns', 'name'], `${dns.name} is not a record of this zone (known: ${names.join(', ')})`);
    const chainEnds = (name: string): boolean => {
      const seen = new Set<string>();
      for (let n: string | undefined = name; n !== undefined;) {
        if (seen.has(n)) return false;
        seen.add(n);
        const r = dns.records.find((x) => x.name === n);
        if (r === undefined) return false;
        if (r.type === 'A') return true;
        n = r.to;
      }
      return false;
    };
    const lookedUp = dns.name ?? dns.records[0]!.name;
    if (names.includes(lookedUp) && !chainEnds(lookedUp)) issue(['dns', 'records'], `${lookedUp} does not lead to an A record (a CNAME loop or a dangling CNAME)`);
  }
  const rec = s.recovery;
  for (const [i, r] of (dns?.records ?? []).entries()) {
    if (r.type !== 'A') continue;
    for (const t of r.to) {
      if (roles.includes(t) && rec?.front_end !== t) issue(['dns', 'records', i, 'to'], `${r.name} lists role ${t}: declare recovery: { front_end: ${t} } (replace: false for no automation) so the record follows its instances`);
    }
  }
  if (rec !== undefined) {
    if (!roles.includes(rec.front_end)) {
      const guess = didYouMean(rec.front_end, roles);
      issue(['recovery', 'front_end'], `unknown role "${rec.front_end}"${guess ? ` (did you mean "${guess}"?)` : ''}; roles: ${roles.join(', ') || '(none)'}`);
    } else {
      const count = s.fleet[rec.front_end]!.count;
      if (rec.standby >= count) issue(['recovery', 'standby'], `${rec.standby} standby(s) leave none of the ${count} ${rec.front_end} instance(s) in service; raise fleet.${rec.front_end}.count`);
      const limit = s.cloud.network.eip_limit;
      const allocated = s.actions.filter((a) => a.run.command.verb === 'allocate-address').length;
      if (rec.method === 'elastic-ip' && count - rec.standby + allocated > limit) {
        issue(['recovery', 'method'], `recovery by elastic-ip gives each of the ${count - rec.standby} ${rec.front_end} instance(s) in service an elastic IP${allocated > 0 ? ` (and the actions allocate ${allocated} more)` : ''}, but the account may hold ${limit} (cloud.network.eip_limit, EC2's default 5); raise the limit or use fewer front ends`);
      }
      if (dns !== undefined && !dns.records.some((r) => r.type === 'A' && r.to.includes(rec.front_end))) {
        issue(['recovery', 'front_end'], `no A record lists ${rec.front_end}; add it to a record's to: list`);
      }
    }
  }
}
