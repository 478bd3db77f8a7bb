// verdict: WA

// attack: count tests in a global, a prototype, the host's process, /tmp and the build directory (the nth test answers n only if state survived)

// __NODE_ESCAPE_ROUTES__ (reachNode, nodeRequire: problems/tests/languages/node_escape_routes.js, put here by the test)

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
