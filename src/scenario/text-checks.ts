import type { Problem } from './scenario-error.js';

/** Line and column (1-based) of character offset `at` in `text`. */
function lineCol(text: string, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: at - start + 1 };
}

/**
 * The first byte of `bytes` that is not valid UTF-8, as a located problem (line and
 * column count the characters before it), or undefined when all of it is UTF-8.
 */
export function utf8Problem(bytes: Uint8Array, source: string): Problem | undefined {
  let line = 1;
  let col = 1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let n = 0;
    let min = 0;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b < 0xe0) {
      n = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b < 0xf0) {
      n = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b < 0xf5) {
      n = 4;
      min = 0x10000;
    }
    let cp = n === 1 ? b : n === 2 ? b & 0x1f : n === 3 ? b & 0x0f : b & 0x07;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && n > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      const hex = Array.from(bytes.subarray(i, Math.min(i + 4, bytes.length)), (x) => x.toString(16).padStart(2, '0')).join(' ');
      return { source, line, col, path: '', message: `not valid UTF-8 at byte ${i} (bytes ${hex}): save the file as UTF-8` };
    }
    if (b === 10) {
      line++;
      col = 1;
    } else col++;
    i += n;
  }
  return undefined;
}

/**
 * The first place where `text` is not strict JSON (RFC 8259: no trailing commas, no
 * comments, double-quoted keys and strings), as a located problem; undefined when it is
 * JSON. A scanner, not a parser: it keeps a stack of open brackets and what may come next.
 */
export function jsonProblem(text: string, source: string): Problem | undefined {
  let i = 0;
  const n = text.length;
  const fail = (what: string): Problem => {
    const { line, col } = lineCol(text, i);
    const got = i >= n ? 'the end of the file' : JSON.stringify(text[i]);
    return { source, line, col, path: '', message: `not valid JSON: ${what}, got ${got} (a .json file is read as strict JSON; write YAML in a .yaml file for comments or trailing commas)` };
  };
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const str = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) return false;
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
      i++;
    }
    if (i >= n) return false;
    i++;
    return true;
  };
  const NUM = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
  // An iterative scanner: `stack` holds the open containers ('{' or '[').
  const stack: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  ws();
  for (;;) {
    // A value.
    ws();
    if (text[i] === '{' || text[i] === '[') {
      const open = text[i]!;
      i++;
      ws();
      if ((open === '{' && text[i] === '}') || (open === '[' && text[i] === ']')) {
        i++;
      } else {
        stack.push(open);
        if (open === '{') {
          if (!str()) return fail('expected a double-quoted key');
          ws();
          if (text[i] !== ':') return fail('expected ":" after the key');
          i++;
        }
        continue;
      }
    } else if (text[i] === '"') {
      if (!str()) return fail('a string is not closed, or holds a control character or a bad escape');
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUM.lastIndex = i;
      const m = NUM.exec(text);
      if (m === null || m[0] === '' || m.index !== i) return fail('expected a value (an object, a list, a string, a number, true, false or null)');
      i += m[0].length;
    }
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return fail('expected the end of the file after the value');
        return undefined;
      }
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (text[i] !== ',') return fail(`expected "," or "${close}"`);
      i++;
      ws();
      if (top === '{') {
        if (!str()) return fail(text[i] === '}' ? 'a trailing comma before "}"' : 'expected a double-quoted key');
        ws();
        if (text[i] !== ':') return fail('expected ":" after the key');
        i++;
      } else if (text[i] === ']') return fail('a trailing comma before "]"');
      break;
    }
  }
}

/**
 * The first line of a YAML parser error, for a problem's message. The parser reports
 * collections nested too deeply for its recursion as the engine's stack overflow; that one
 * is said in the file's terms.
 */
export function yamlErrorMessage(message: string): string {
  const first = message.split('\n')[0]!;
  return /Maximum call stack size exceeded/.test(first)
    ? 'invalid YAML: collections nested too deeply (thousands of levels); a scenario needs a few'
    : `invalid YAML: ${first}`;
}
