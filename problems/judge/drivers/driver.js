// The JavaScript/TypeScript driver (the judge's frame protocol; see harness.py, exec mode,
// and harness.Server). One Node process serves a submission's calls: each call runs the
// candidate's program in a fresh V8 context (vm.createContext), with the language's own
// built-ins and a `console`, and nothing else of Node's: no require, process, timers or
// Buffer. A context is a new global object and new built-ins, so nothing a call defines,
// replaces or caches (globals, prototypes, module state) reaches the next call.
//
// Protocol: a "ready" frame on fd 3 once the program is compiled (or "compile_error" with
// V8's message, and the process ends); then, per call,
// "repeat length nonce\n" and the call's JSON ([args, kwargs]) on stdin, one frame back on
// fd 3 carrying the nonce. The candidate's console writes to stdout and stderr.
//
// What crosses between this (the host's) realm and a call's context: strings and numbers
// only. The in-context driver (DRIVER below, strict mode) builds the arguments with the
// context's own JSON.parse, calls the candidate, encodes the result with its own
// functions and hands back one string; the host functions it holds (the clock, the console's
// writer) live in closures the candidate cannot reach and never throw into the context.
'use strict';
const fs = require('fs');
const vm = require('vm');
const { SourceMap } = require('module');
const { dirname } = require('path');

const shape = JSON.parse(fs.readFileSync('/build/shape.json', 'utf8'));
const source = process.argv[2];
const compiled = `/build/${source.replace(/\.ts$/, '.js')}`;

// Runs in each call's context. `clock(true|false)` starts and stops the host's clock around
// the candidate's own calls; `write(fd, text)` is the console. Returns "o<json>" or
// "e<json {error, traceback}>".
const DRIVER = String.raw`'use strict';
(function (clock, write) {
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
  const show = (args) => {
    try {
      return args.map((a) => (typeof a === 'string' ? a : (() => {
        try { const s = JSON.stringify(a); return s === undefined ? String(a) : s; } catch (e) { return String(a); }
      })())).join(' ') + '\n';
    } catch (e) {
      return '\n';
    }
  };
  const say = (fd) => (...args) => { try { write(fd, String(show(args))); } catch (e) { /* dropped */ } };
  globalThis.console = {
    log: say(1), info: say(1), debug: say(1), trace: say(2), warn: say(2), error: say(2),
    table: say(1), dir: say(1), assert: (ok, ...args) => { if (!ok) say(2)(['Assertion failed', ...args]); },
  };
  globalThis.module = { exports: {} };
  globalThis.exports = globalThis.module.exports;
  const shape = SHAPE;

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
    throw new TypeError('cannot compare a returned value of type ' + typeof value);
  }

  function json(value) {
    // NaN and Infinity as Python's json writes them; big integers exactly.
    return JSON.stringify(value, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? '__' + v + '__' : v))
      .replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1')
      .replace(/\{"__big":"(-?\d+)"\}/g, '$1');
  }

  function kindsOf(name) {
    const method = shape.methods && shape.methods[name];
    return method ? method.params.map((p) => p[1]) : [];
  }

  function timed(fn) {
    clock(true);
    try { return fn(); } finally { clock(false); }
  }

  function once(found, args) {
    const entry = shape.entry_point;
    if (shape.kind === 'design') {
      if (typeof found !== 'function') throw new ReferenceError(entry + ' is not defined');
      const [ops, params] = args;
      const init = kindsOf('__init__');
      const obj = timed(() => new found(...params[0].map((v, i) => toNode(v, init[i]))));
      const out = [null];
      for (let k = 1; k < ops.length; k++) {
        const op = ops[k];
        try {
          if (typeof obj[op] !== 'function') throw new TypeError(op + ' is not a method of ' + entry);
          const kinds = kindsOf(op);
          const method = shape.methods && shape.methods[op];
          const value = timed(() => obj[op](...params[k].map((v, i) => toNode(v, kinds[i]))));
          out.push(method && method.returns ? encode(value === null || value === undefined ? [] : value) : encode(value));
        } catch (error) {
          if (error && typeof error === 'object') error.note = ' (during call ' + k + ' (' + op + '))';
          throw error;
        }
      }
      return out;
    }
    if (typeof found !== 'function') throw new ReferenceError(entry + ' is not defined');
    const kinds = kindsOf(entry);
    const converted = args.map((v, i) => toNode(v, kinds[i]));
    const value = timed(() => found(...converted));
    const argument = shape.returns_argument;
    const result = argument === null || argument === undefined ? value : converted[argument];
    const method = shape.methods && shape.methods[entry];
    const returns = method ? (argument === null || argument === undefined ? method.returns : kinds[argument]) : null;
    if ((returns === 'ListNode' || returns === 'TreeNode') && (result === null || result === undefined)) return [];
    return encode(result);
  }

  function failure(error) {
    let name = 'Error', message = '', stack = '';
    try { name = error && error.constructor ? String(error.constructor.name) : 'Error'; } catch (e) { /* kept */ }
    try { message = error && error.message !== undefined ? String(error.message) : String(error); } catch (e) { /* kept */ }
    try { stack = String((error && error.stack) || ''); } catch (e) { /* kept */ }
    let note = '';
    try { note = error && error.note ? String(error.note) : ''; } catch (e) { /* kept */ }
    return 'e' + JSON.stringify({ error: name + ': ' + message + note, stack: stack });
  }

  // The entry point, once the candidate's program has run in this context.
  return function run(call) {
    try {
      const found = module.exports[shape.entry_point];
      const [args] = JSON.parse(call);
      return 'o' + json(once(found, args));
    } catch (error) {
      return failure(error);
    }
  };
})`.replace('SHAPE', () => JSON.stringify(shape));

// LeetCode's globals PriorityQueue, MinPriorityQueue and MaxPriorityQueue: the pinned npm
// package @datastructures-js/priority-queue (package.json), mounted read-only at LIBRARY.
// Its CommonJS files are read here, as text, once, and bundled into LOADER: each file a
// function of (module, exports, require), `require` a lookup in a map resolved here (with
// Node's own resolver), so a call's context evaluates the library's own code with its own
// built-ins and receives nothing of this realm.
const LIBRARY = '/judge/node_modules/@datastructures-js/priority-queue';
function bundle(entry) {
  const files = new Map(); // path -> [source text, {specifier: path}]
  const pending = [require.resolve(entry)];
  while (pending.length) {
    const path = pending.pop();
    if (files.has(path)) continue;
    const text = fs.readFileSync(path, 'utf8');
    const links = {};
    for (const [, name] of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      links[name] = require.resolve(name, { paths: [dirname(path)] });
      pending.push(links[name]);
    }
    files.set(path, [text, links]);
  }
  const parts = Array.from(files, ([path, [text, links]]) =>
    `${JSON.stringify(path)}: [function (module, exports, require) {\n${text}\n}, ${JSON.stringify(links)}]`);
  return `(function () {
  const files = {${parts.join(',\n')}};
  const cache = {};
  function load(path) {
    if (cache[path]) return cache[path].exports;
    const module = { exports: {} };
    cache[path] = module;
    const [body, links] = files[path];
    body.call(module.exports, module, module.exports, (name) => load(links[name]));
    return module.exports;
  }
  // Loaded on a test's first use (about 1.6 ms a context otherwise): each name a plain
  // global from then on, as an assignment makes it; a candidate's own binding wins.
  for (const name of ['PriorityQueue', 'MinPriorityQueue', 'MaxPriorityQueue']) {
    const settle = (value) => Object.defineProperty(globalThis, name,
      { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(globalThis, name, {
      get() { const value = load(${JSON.stringify(require.resolve(entry))})[name]; settle(value); return value; },
      set(value) { settle(value); },
      enumerable: true,
      configurable: true,
    });
  }
})();`;
}
const loader = fs.existsSync(LIBRARY) ? new vm.Script(bundle(LIBRARY), { filename: 'priority-queue' }) : null;

let elapsed = 0n;
let started = 0n;
function clock(start) {
  try {
    if (start === true) started = process.hrtime.bigint();
    else elapsed += process.hrtime.bigint() - started;
  } catch (e) { /* never thrown into the context */ }
}
function write(fd, text) {
  try {
    if (typeof text === 'string') fs.writeSync(fd === 2 ? 2 : 1, text);
  } catch (e) { /* never thrown into the context */ }
}

function frame(header, payload) {
  const body = Buffer.from(payload, 'utf8');
  const head = Buffer.from(JSON.stringify({ ...header, payload: body.length }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length);
  fs.writeSync(3, Buffer.concat([len, head, body]));
}

// TypeScript: stack lines of the compiled JavaScript, mapped back to the .ts (source maps).
let sourceMap = null;
try {
  if (source.endsWith('.ts')) sourceMap = new SourceMap(JSON.parse(fs.readFileSync(`${compiled}.map`, 'utf8')));
} catch (e) { sourceMap = null; }

function mapped(line) {
  if (!sourceMap) return line;
  return line.replace(new RegExp(`${compiled.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:(\\d+):(\\d+)`, 'g'), (all, l, c) => {
    const entry = sourceMap.findEntry(Number(l) - 1, Number(c) - 1);
    if (!entry || entry.originalLine === undefined) return all;
    return `/build/${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function trace(error, stack) {
  const lines = String(stack || error).split('\n').map(mapped);
  const kept = lines.filter((line) => line.includes(source));
  return [error, ...kept.slice(0, 20)].join('\n');
}

// Compiled once, here: V8's own syntax errors are the submission's Compile Error.
let program;
try {
  program = new vm.Script(fs.readFileSync(compiled, 'utf8'), { filename: compiled });
} catch (error) {
  const text = String((error && error.stack) || error).split('\n').filter((line) => !/^\s+at /.test(line));
  frame({ status: 'compile_error', message: text.join('\n').trim() }, '');
  process.exit(0);
}
const driver = new vm.Script(DRIVER, { filename: 'driver' });

// One call in a fresh context: [frame header, payload].
function call(text, repeat) {
  let best = null;
  let value = '';
  for (let r = 0; r < repeat; r++) {
    // A global without a host prototype: no lookup through it reaches the host's realm.
    const context = vm.createContext(Object.create(null), { microtaskMode: 'afterEvaluate' });
    let answer;
    try {
      if (loader) loader.runInContext(context);
      const run = driver.runInContext(context)(clock, write);
      program.runInContext(context);
      elapsed = 0n; // the candidate's calls only, as in every language
      answer = run(text);
    } catch (error) {
      // The program's top level threw (in the context's realm: read as strings only).
      let name = 'Error', message = '', stack = '';
      try { name = String(error && error.constructor && error.constructor.name); } catch (e) { /* kept */ }
      try { message = String(error && error.message); } catch (e) { /* kept */ }
      try { stack = String(error && error.stack); } catch (e) { /* kept */ }
      answer = 'e' + JSON.stringify({ error: `${name}: ${message}`, stack });
    }
    if (typeof answer !== 'string' || !answer.length) answer = 'e{"error":"Error: the driver returned nothing","stack":""}';
    if (answer[0] !== 'o') {
      let failed;
      try { failed = JSON.parse(answer.slice(1)); } catch (e) { failed = { error: 'Error: the driver returned nothing', stack: '' }; }
      const error = String(failed.error);
      return [{ status: 'runtime_error', error: error.slice(0, 1000), traceback: trace(error, failed.stack).slice(0, 4000) }, ''];
    }
    value = answer.slice(1);
    if (best === null || elapsed < best) best = elapsed;
  }
  return [{ status: 'ok', call_s: Number(best) / 1e9 }, value];
}

function readLine() {
  const bytes = [];
  const one = Buffer.alloc(1);
  for (;;) {
    const n = fs.readSync(0, one, 0, 1, null);
    if (n === 0) process.exit(0);
    if (one[0] === 10) return Buffer.from(bytes).toString('utf8');
    bytes.push(one[0]);
  }
}

function readExactly(size) {
  const body = Buffer.alloc(size);
  let got = 0;
  while (got < size) {
    const n = fs.readSync(0, body, got, size - got, null);
    if (n === 0) process.exit(0);
    got += n;
  }
  return body.toString('utf8');
}

function serve() {
  frame({ status: 'ready' }, '');
  for (;;) {
    const [repeat, size, nonce] = readLine().trim().split(' ');
    const text = readExactly(parseInt(size, 10));
    const [header, payload] = call(text, Math.max(1, parseInt(repeat, 10) || 1));
    frame({ ...header, nonce }, payload);
  }
}

serve();
