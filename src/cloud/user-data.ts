import type { Instance } from './instance.js';

/** Fields a user-data template may read from another role's instance: `${db.private_ip}`. */
export const USER_DATA_FIELDS = ['private_ip', 'public_ip', 'private_dns', 'public_dns', 'id'] as const;
export type UserDataField = (typeof USER_DATA_FIELDS)[number];

const REF = /\$\{([A-Za-z0-9_-]+)\.([a-z_]+)\}/g;

/**
 * Places where a template starts a reference (`${`, a name and a dot) that does not end as
 * one (`${db.private_ip` unclosed, `${db.private.ip}`): each as the text from `${` to the
 * next space or `}`. `${HOME}` and other `${...}` without a dot are kept as written (shell
 * variables in a user-data script).
 */
export function malformedUserDataRefs(template: string): string[] {
  const out: string[] = [];
  const start = /\$\{[A-Za-z0-9_-]+\./g;
  const whole = /\$\{[A-Za-z0-9_-]+\.[a-z_]+\}/y;
  for (const m of template.matchAll(start)) {
    whole.lastIndex = m.index;
    if (whole.test(template)) continue;
    const rest = template.slice(m.index);
    const end = rest.search(/[\s}]/);
    out.push(end < 0 ? rest : rest.slice(0, end + (rest[end] === '}' ? 1 : 0)));
  }
  return out;
}

/** The `${role.field}` references in a template, in order. */
export function userDataRefs(template: string): { role: string; field: string }[] {
  return [...template.matchAll(REF)].map((m) => ({ role: m[1]!, field: m[2]! }));
}

function field(inst: Instance, f: string): string {
  switch (f as UserDataField) {
    case 'private_ip': return inst.privateIp ?? '';
    case 'public_ip': return inst.publicIp ?? '';
    case 'private_dns': return inst.privateDns ?? '';
    case 'public_dns': return inst.publicDns ?? '';
    case 'id': return inst.id;
  }
}

/**
 * Resolves a template at launch: each `${role.field}` takes the value of the role's live
 * instance (`lookup`). Returns the text, the instances it now depends on, and whether some
 * reference found no live instance (the text then holds an empty value: stale from birth).
 */
export function resolveUserData(template: string, lookup: (role: string) => Instance | undefined): { text: string; refs: Instance[]; missing: boolean } {
  const refs: Instance[] = [];
  let missing = false;
  const text = template.replace(REF, (_m, role: string, f: string) => {
    const inst = lookup(role);
    if (inst === undefined) {
      missing = true;
      return '';
    }
    if (!refs.includes(inst)) refs.push(inst);
    return field(inst, f);
  });
  return { text, refs, missing };
}
