import type * as z from 'zod';
import { didYouMean } from '../engine/did-you-mean.js';
import { knownKeysAt } from './schema-keys.js';

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

/** A problem in schema terms: the path, the offending key (for unknown keys) and a message. */
export interface IssueDescription {
  readonly path: readonly Segment[];
  readonly key?: string;
  readonly message: string;
}

function valueAt(input: unknown, path: readonly Segment[]): unknown {
  let v = input;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

function article(type: string): string {
  const names: Record<string, string> = { int: 'an integer', number: 'a number', string: 'a string', object: 'a mapping', array: 'a list', boolean: 'true or false', record: 'a mapping' };
  return names[type] ?? type;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, kind: 'min' | 'max'): string {
  const limit = String(kind === 'min' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return `${kind === 'min' ? 'at least' : 'at most'} ${limit} item(s)`;
  if (issue.origin === 'string') return `${kind === 'min' ? 'at least' : 'at most'} ${limit} character(s)`;
  const op = kind === 'min' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `a number ${op} ${limit}`;
}

/** The keys the object branches of a failed union would accept, from the branches' own issues. */
function unionKeys(schema: z.ZodType, path: readonly Segment[]): string[] {
  return knownKeysAt(schema, path.filter((s): s is string | number => typeof s !== 'symbol'));
}

/**
 * Turns one zod issue into plain messages that say what was wrong and what would be right,
 * e.g. `unknown key "hostz" (did you mean "hosts"?); expected one of: hosts, racks`.
 */
export function describeIssue(issue: Issue, input: unknown, schema: z.ZodType): IssueDescription[] {
  const path = issue.path;
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path.filter((s): s is string | number => typeof s !== 'symbol'));
      return issue.keys.map((key) => {
        const guess = didYouMean(key, known);
        const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : '';
        const list = known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
        return { path: [...path, key], key, message: `unknown key "${key}"${hint}${list}` };
      });
    }
    case 'invalid_type':
      if (value === undefined) return [{ path, message: `missing; expected ${article(issue.expected)}` }];
      return [{ path, message: `expected ${article(issue.expected)}, got ${show(value)}` }];
    case 'too_small':
    case 'too_big':
      // A message the schema wrote itself says more than the bound; zod's own start "Too small"/"Too big".
      if (!/^Too (small|big)/.test(issue.message)) return [{ path, message: `${issue.message}${Array.isArray(value) ? `, got ${value.length} item(s)` : `, got ${show(value)}`}` }];
      return [{ path, message: `expected ${bound(issue, issue.code === 'too_small' ? 'min' : 'max')}, got ${show(value)}` }];
    case 'invalid_value':
      return [{ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(value)}` }];
    case 'invalid_union': {
      // Report the branch that got furthest (deepest first issue); if none got past the
      // union itself, say which forms were possible.
      let best: Issue[] | undefined;
      let depth = path.length;
      for (const branch of issue.errors) {
        const d = Math.max(...branch.map((i) => i.path.length));
        const meaningful = branch.every((i) => i.code !== 'invalid_type' || i.path.length > 0);
        if (d > depth && meaningful) {
          depth = d;
          best = branch;
        }
      }
      if (value === undefined) {
        const expected = [...new Set(issue.errors.flat().filter((i) => i.code === 'invalid_type').map((i) => article((i as { expected: string }).expected)))];
        return [{ path, message: `missing; expected ${expected.length > 0 ? expected.join(' or ') : 'a value'}` }];
      }
      if (best !== undefined) return best.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] } as Issue, input, schema));
      // A branch that took the value's type and refused it with its own message says it best.
      const own = issue.errors.find((b) => b.length > 0 && b.every((i) => i.code === 'custom'));
      if (own !== undefined) return own.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] } as Issue, input, schema));
      const keys = unionKeys(schema, path);
      if (keys.length > 0 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const given = Object.keys(value);
        const guess = given.length === 1 ? didYouMean(given[0]!, keys) : undefined;
        const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : '';
        return [{ path, message: `expected one of the forms ${keys.map((k) => `{ ${k}: ... }`).join(', ')}, got { ${given.join(', ')} }${hint}` }];
      }
      return [{ path, message: `${issue.message === 'Invalid input' ? 'not a valid value' : issue.message}, got ${show(value)}${keys.length > 0 ? `; expected one of the forms ${keys.map((k) => `{ ${k}: ... }`).join(', ')}` : ''}` }];
    }
    case 'custom':
      return [{ path, message: issue.message }];
    default: {
      const got = value !== undefined && (typeof value !== 'object' || value === null) ? `, got ${show(value)}` : '';
      return [{ path, message: `${issue.message}${got}` }];
    }
  }
}
