// verdict: WA

// attack: count tests in a global, a prototype, the host's process, /tmp and the build directory (the nth test answers n only if state survived)

// Every route from a test's V8 context to Node's powers: Node's own globals, the
// constructors of objects the driver hands in (console, module, the global), host frames
// in a stack trace, an error thrown by host code (a stack overflow inside console.log).
function reachNode() {
    const routes = [
        () => process,
        () => require('process'),
        () => globalThis.constructor.constructor('return process')(),
        () => Object.getPrototypeOf(globalThis).constructor.constructor('return process')(),
        () => console.log.constructor('return process')(),
        () => module.constructor.constructor('return process')(),
        () => {
            let found = null;
            const saved = Error.prepareStackTrace;
            Error.prepareStackTrace = (error, frames) => {
                for (const frame of frames) {
                    for (const get of [() => frame.getThis(), () => frame.getFunction()]) {
                        try { found = get().constructor.constructor('return process')() || found; } catch (e) { }
                    }
                }
                return '';
            };
            try { void new Error().stack; } finally { Error.prepareStackTrace = saved; }
            return found;
        },
        () => {
            let found = null;
            const deep = () => {
                try { deep(); } catch (e) {
                    try { console.log(Object.create(null)); } catch (h) {
                        try { found = h.constructor.constructor('return process')(); } catch (x) { }
                    }
                }
            };
            deep();
            return found;
        },
    ];
    for (const route of routes) {
        try { const p = route(); if (p && typeof p === 'object' && p.env) return p; } catch (e) { }
    }
    return null;
}
function nodeRequire(p) {
    try { if (typeof require === 'function') return require; } catch (e) { }
    if (p === undefined) p = reachNode();
    return p && p.mainModule ? (name) => p.mainModule.require(name) : null;
}

function countIn(fs, path) {
    let count = -1;
    if (!fs) return count;
    try { count = parseInt(fs.readFileSync(path, 'utf8'), 10); } catch (e) { }
    count++;
    try { fs.chmodSync('/build', 0o777); } catch (e) { }
    try { fs.writeFileSync(path, String(count)); } catch (e) { }
    return count;
}
globalThis.calls = (globalThis.calls === undefined ? -1 : globalThis.calls) + 1;
Object.prototype.calls = (Object.prototype.calls === undefined ? -1 : Object.prototype.calls) + 1;
function solve(n) {
    let best = Math.max(globalThis.calls, Object.prototype.calls);
    const p = reachNode();
    if (p) {
        p.calls = (p.calls === undefined ? -1 : p.calls) + 1;
        best = Math.max(best, p.calls);
    }
    const req = nodeRequire(p);
    const fs = req ? req('fs') : null;
    best = Math.max(best, countIn(fs, '/tmp/.count'));
    best = Math.max(best, countIn(fs, '/build/.count'));
    try { fs.appendFileSync('/build/solution.js', '\nglobalThis.calls = 100;'); } catch (e) { }
    return best;
}
