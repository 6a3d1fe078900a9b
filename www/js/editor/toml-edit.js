//! Edits of a TOML file that keep everything else in it: the form view changes one value, and
//! only that value's characters change (comments, order, spacing and every other line stay as
//! written). The file is parsed with toml-eslint-parser, whose nodes carry their ranges; an edit
//! replaces the range of one value, or inserts one `key = value` line when the key is new.
import { parseTOML, getStaticTOMLValue } from '../../vendor/editor/libs.js';

/** The file as plain data ({ dimension, item: [...] } for an item file); throws on a syntax error. */
export function tomlData(text) {
  return getStaticTOMLValue(parseTOML(text));
}

/** A TOML value's text: strings as basic strings, numbers, booleans, arrays and inline tables. */
export function tomlValue(v) {
  if (typeof v === 'string') {
    return `"${v.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
      const named = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }[c];
      return named ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    })}"`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a TOML number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  if (v && typeof v === 'object') {
    const parts = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${tomlKey(k)} = ${tomlValue(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  throw new Error(`not a TOML value: ${v}`);
}

const tomlKey = (k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlValue(k));
const keyName = (kv) => kv.key.keys.map((k) => k.name ?? k.value).join('.');
const sameKey = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The key/value nodes of a table: `[]` the top level (before the first header), else a header's resolved key, e.g. ['item', 3]. */
function tableBody(ast, tablePath) {
  const top = ast.body[0];
  if (tablePath.length === 0) return { body: top.body.filter((n) => n.type === 'TOMLKeyValue'), node: null, top };
  const node = top.body.find((n) => n.type === 'TOMLTable' && sameKey(n.resolvedKey, tablePath));
  if (!node) throw new Error(`no table [${tablePath.join('.')}] in the file`);
  return { body: node.body, node, top };
}

const splice = (text, start, end, insert) => text.slice(0, start) + insert + text.slice(end);

/** The text with the value at `keys` (inside the table at `tablePath`) set to `value`; `undefined` removes a table-level key. */
export function setValue(text, tablePath, keys, value) {
  const ast = parseTOML(text);
  const { body, node, top } = tableBody(ast, tablePath);
  const [first, ...rest] = keys;
  const kv = body.find((n) => keyName(n) === first);
  if (!kv) {
    if (value === undefined) return text;
    let v = value;
    for (let i = rest.length - 1; i >= 0; i--) v = typeof rest[i] === 'number' ? [v] : { [rest[i]]: v };
    const line = `${tomlKey(first)} = ${tomlValue(v)}`;
    const last = body[body.length - 1];
    if (last) return splice(text, last.range[1], last.range[1], `\n${line}`);
    if (node) {
      const eol = text.indexOf('\n', node.range[0]);
      return eol < 0 ? `${text}\n${line}\n` : splice(text, eol + 1, eol + 1, `${line}\n`);
    }
    const firstTable = top.body.find((n) => n.type === 'TOMLTable');
    return firstTable ? splice(text, firstTable.range[0], firstTable.range[0], `${line}\n\n`) : `${text.replace(/\n?$/, '\n')}${line}\n`;
  }
  if (rest.length === 0 && value === undefined) {
    const start = text.lastIndexOf('\n', kv.range[0] - 1) + 1;
    let end = text.indexOf('\n', kv.range[1]);
    end = end < 0 ? text.length : end + 1;
    return splice(text, start, end, '');
  }
  return setIn(text, kv.value, rest, value);
}

/** Within a value node: descend `keys` (names into inline tables, numbers into arrays) and replace or add. */
function setIn(text, node, keys, value) {
  if (keys.length === 0) return splice(text, node.range[0], node.range[1], tomlValue(value));
  const [k, ...rest] = keys;
  if (typeof k === 'number') {
    if (node.type !== 'TOMLArray') throw new Error('not an array');
    const el = node.elements[k];
    if (el) return setIn(text, el, rest, value);
    let v = value;
    for (let i = rest.length - 1; i >= 0; i--) v = typeof rest[i] === 'number' ? [v] : { [rest[i]]: v };
    const last = node.elements[node.elements.length - 1];
    return last ? splice(text, last.range[1], last.range[1], `, ${tomlValue(v)}`) : splice(text, node.range[0] + 1, node.range[0] + 1, tomlValue(v));
  }
  if (node.type !== 'TOMLInlineTable') throw new Error(`not a table: ${k}`);
  const kv = node.body.find((n) => keyName(n) === k);
  if (kv) return setIn(text, kv.value, rest, value);
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) v = typeof rest[i] === 'number' ? [v] : { [rest[i]]: v };
  const pair = `${tomlKey(k)} = ${tomlValue(v)}`;
  const last = node.body[node.body.length - 1];
  return last ? splice(text, last.range[1], last.range[1], `, ${pair}`) : splice(text, node.range[0] + 1, node.range[1] - 1, ` ${pair} `);
}

/** The text with `value` added at the end of the top-level array `key` (e.g. a test file to `tests`). */
export function appendToArray(text, tablePath, key, value) {
  const ast = parseTOML(text);
  const { body } = tableBody(ast, tablePath);
  const kv = body.find((n) => keyName(n) === key);
  if (!kv) return setValue(text, tablePath, [key], [value]);
  const arr = kv.value;
  if (arr.type !== 'TOMLArray') throw new Error(`${key} is not an array`);
  const last = arr.elements[arr.elements.length - 1];
  if (!last) return splice(text, arr.range[0] + 1, arr.range[1] - 1, tomlValue(value));
  const multiline = text.slice(arr.range[0], arr.range[1]).includes('\n');
  const indent = multiline ? text.slice(text.lastIndexOf('\n', last.range[0]) + 1, last.range[0]).replace(/\S.*$/, '') : ' ';
  return splice(text, last.range[1], last.range[1], `,${multiline ? '\n' : ''}${indent}${tomlValue(value)}`);
}

/** Where (line, 1-based) the table at `tablePath` starts; for "show this in the code view". */
export function tableLine(text, tablePath) {
  const { node } = tableBody(parseTOML(text), tablePath);
  return node ? node.loc.start.line : 1;
}
