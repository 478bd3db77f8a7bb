// The JavaScript/TypeScript driver (the judge's frame protocol; see harness.py, exec mode).
// Reads the problem's call shape from /build/shape.json and "repeat\n[args, kwargs]" on
// stdin; builds ListNode/TreeNode arguments where the problem's signature declares them
// (JavaScript declares no types to read); writes one frame on fd 3.
'use strict';
const fs = require('fs');

class ListNode {
  constructor(val, next) {
    this.val = val === undefined ? 0 : val;
    this.next = next === undefined ? null : next;
  }
}
class TreeNode {
  constructor(val, left, right) {
    this.val = val === undefined ? 0 : val;
    this.left = left === undefined ? null : left;
    this.right = right === undefined ? null : right;
  }
}
globalThis.ListNode = ListNode;
globalThis.TreeNode = TreeNode;

const shape = JSON.parse(fs.readFileSync('/build/shape.json', 'utf8'));
const source = process.argv[2];

function toNode(value, kind) {
  if (!kind || !(value === null || Array.isArray(value))) return value;
  if (kind.startsWith('List[')) return value === null ? null : value.map((v) => toNode(v, kind.slice(5, -1)));
  if (kind === 'ListNode') {
    let head = null;
    for (let i = (value || []).length - 1; i >= 0; i--) head = new ListNode(value[i], head);
    return head;
  }
  const items = value || [];
  if (!items.length || items[0] === null) return null;
  const root = new TreeNode(items[0]);
  const queue = [root];
  let i = 1;
  for (let q = 0; q < queue.length && i < items.length; q++) {
    const node = queue[q];
    if (i < items.length && items[i] !== null) { node.left = new TreeNode(items[i]); queue.push(node.left); }
    i++;
    if (i < items.length && items[i] !== null) { node.right = new TreeNode(items[i]); queue.push(node.right); }
    i++;
  }
  return root;
}

function encode(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return { __big: value.toString() };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof ListNode || (typeof value === 'object' && 'val' in value && 'next' in value)) {
    const out = [];
    for (let p = value; p; p = p.next) {
      if (out.length >= 1000000) throw new Error('the returned linked list has a cycle or is too long');
      out.push(p.val);
    }
    return out;
  }
  if (value instanceof TreeNode || (typeof value === 'object' && 'val' in value && 'left' in value)) {
    const out = [];
    const queue = [value];
    for (let q = 0; q < queue.length; q++) {
      if (out.length > 2000000) throw new Error('the returned tree is too large');
      const node = queue[q];
      if (!node) { out.push(null); continue; }
      out.push(node.val);
      queue.push(node.left, node.right);
    }
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value, encode);
  if (value instanceof Set) return Array.from(value, encode);
  if (value instanceof Map) return Object.fromEntries(Array.from(value, ([k, v]) => [String(k), encode(v)]));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  throw new TypeError(`cannot compare a returned value of type ${typeof value}`);
}

function json(value) {
  // NaN and Infinity as Python's json writes them; big integers exactly.
  return JSON.stringify(value, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `__${v}__` : v))
    .replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1')
    .replace(/\{"__big":"(-?\d+)"\}/g, '$1');
}

function frame(header, payload) {
  const body = Buffer.from(payload, 'utf8');
  const head = Buffer.from(JSON.stringify({ ...header, payload: body.length }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length);
  fs.writeSync(3, Buffer.concat([len, head, body]));
}

function trace(error) {
  const stack = String((error && error.stack) || error);
  const lines = stack.split('\n');
  const kept = lines.filter((line) => line.includes(source));
  return [lines[0], ...kept.slice(0, 20)].join('\n');
}

function kindsOf(name) {
  const methods = shape.methods;
  const method = methods && methods[name];
  return method ? method.params.map((p) => p[1]) : [];
}

function once(mod, args) {
  const entry = shape.entry_point;
  const found = mod[entry];
  let elapsed = 0n;
  const timed = (fn) => {
    const start = process.hrtime.bigint();
    try { return fn(); } finally { elapsed += process.hrtime.bigint() - start; }
  };
  if (shape.kind === 'design') {
    if (typeof found !== 'function') throw new ReferenceError(`${entry} is not defined`);
    const [ops, params] = args;
    const init = kindsOf('__init__');
    const obj = timed(() => new found(...params[0].map((v, i) => toNode(v, init[i]))));
    const out = [null];
    for (let k = 1; k < ops.length; k++) {
      const op = ops[k];
      try {
        if (typeof obj[op] !== 'function') throw new TypeError(`${op} is not a method of ${entry}`);
        const kinds = kindsOf(op);
        const method = shape.methods && shape.methods[op];
        const value = timed(() => obj[op](...params[k].map((v, i) => toNode(v, kinds[i]))));
        out.push(method && method.returns ? encode(value === null || value === undefined ? [] : value) : encode(value));
      } catch (error) {
        if (error && typeof error === 'object') error.note = ` (during call ${k} (${op}))`;
        throw error;
      }
    }
    return [out, elapsed];
  }
  if (typeof found !== 'function') throw new ReferenceError(`${entry} is not defined`);
  const kinds = kindsOf(entry);
  const converted = args.map((v, i) => toNode(v, kinds[i]));
  const value = timed(() => found(...converted));
  const argument = shape.returns_argument;
  const result = argument === null || argument === undefined ? value : converted[argument];
  const method = shape.methods && shape.methods[entry];
  const returns = method ? (argument === null || argument === undefined ? method.returns : kinds[argument]) : null;
  if ((returns === 'ListNode' || returns === 'TreeNode') && (result === null || result === undefined)) return [[], elapsed];
  return [encode(result), elapsed];
}

function main() {
  const input = fs.readFileSync(0, 'utf8');
  const newline = input.indexOf('\n');
  const repeat = Math.max(1, parseInt(input.slice(0, newline), 10) || 1);
  const call = input.slice(newline + 1);
  let best = null;
  let value = null;
  try {
    const mod = require(`/build/${source.replace(/\.ts$/, '.js')}`);
    for (let r = 0; r < repeat; r++) {
      const [args] = JSON.parse(call);
      const [result, elapsed] = once(mod, args);
      value = result;
      if (best === null || elapsed < best) best = elapsed;
    }
  } catch (error) {
    const name = error && error.constructor ? error.constructor.name : 'Error';
    const message = error && error.message !== undefined ? error.message : String(error);
    let text = `${name}: ${message}`;
    if (error && error.note) text += error.note;
    frame({ status: 'runtime_error', error: text.slice(0, 1000), traceback: trace(error).slice(0, 4000) }, '');
    process.exit(0);
  }
  frame({ status: 'ok', call_s: Number(best) / 1e9 }, json(value));
  // Timers the candidate left behind end here, with the process.
  process.exit(0);
}

main();
