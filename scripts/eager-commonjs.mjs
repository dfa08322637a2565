import { readFileSync, writeFileSync } from 'node:fs';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';

// A step of scripts/bundle.mjs. esbuild wraps each CommonJS module it bundles (Fastify, avvio,
// pino and most of node_modules) in a method, `__commonJS({ "path"(exports, module) { ... } })`,
// which V8 compiles lazily, on the module's first require(), at every start: Node's compile cache
// keeps only the code compiled when a file loads. Written as a parenthesized function instead,
// `"path": (function (exports, module) { ... })`, V8 compiles it with the file (its heuristic for
// functions called at once), so the compile cache keeps it too: a shorter start where Node has the
// cache (`npm run startup` measures it), no change on Node 20. Only text is inserted, never a line:
// the source map's columns are shifted to match.

/** Rewrites the CommonJS wrappers of a bundle file (and its .map) in place; returns how many. */
export function eagerCommonJs(file) {
  const code = readFileSync(file, 'utf8');
  const edits = []; // [offset, text], offsets in the original code
  simple(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }), {
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== '__commonJS') return;
      for (const property of node.arguments[0]?.properties ?? []) {
        if (!property.method) continue;
        // `"path"(exports, module) {…}` → `"path":(function(exports, module) {…})`
        edits.push([property.value.start, ':(function'], [property.value.end, ')']);
      }
    },
  });
  if (edits.length === 0) return 0;
  edits.sort((a, b) => a[0] - b[0]);

  let out = '';
  let at = 0;
  for (const [offset, text] of edits) {
    out += code.slice(at, offset) + text;
    at = offset;
  }
  writeFileSync(file, out + code.slice(at));

  // Each generated column moves right by the text inserted before it on its line.
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const insertedByLine = new Map();
  for (const [offset, text] of edits) {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > offset) line--;
    const list = insertedByLine.get(line) ?? [];
    list.push([offset - lineStarts[line], text.length]);
    insertedByLine.set(line, list);
  }
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const mappings = decode(map.mappings).map((segments, line) => {
    const inserted = insertedByLine.get(line);
    if (!inserted) return segments;
    return segments.map(([column, ...rest]) => {
      let shift = 0;
      for (const [at, length] of inserted) if (at <= column) shift += length;
      return [column + shift, ...rest];
    });
  });
  writeFileSync(`${file}.map`, JSON.stringify({ ...map, mappings: encode(mappings) }));
  return edits.length / 2;
}
