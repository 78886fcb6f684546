import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file of a folder, by relative path; manifest.json without its `command`. */
export function folderContents(d: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) for (const [k, v] of folderContents(p, `${prefix}${e.name}/`)) out.set(k, v);
    else if (e.name === 'manifest.json') {
      const { command: _c, ...rest } = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
      out.set(`${prefix}${e.name}`, JSON.stringify(rest));
    } else out.set(`${prefix}${e.name}`, readFileSync(p, 'utf8'));
  }
  return out;
}
