// verdict: WA
// attack: count tests in a global, /tmp and the build directory (the nth test answers n only if state survived)
const fs = require('fs');
function countIn(path) {
    let count = -1;
    try { count = parseInt(fs.readFileSync(path, 'utf8'), 10); } catch (e) { }
    count++;
    try { fs.chmodSync('/build', 0o777); } catch (e) { }
    try { fs.writeFileSync(path, String(count)); } catch (e) { }
    return count;
}
globalThis.calls = (globalThis.calls === undefined ? -1 : globalThis.calls) + 1;
var solve = function(n) {
    let best = globalThis.calls;
    best = Math.max(best, countIn('/tmp/.count'));
    best = Math.max(best, countIn('/build/.count'));
    try { fs.appendFileSync('/build/solution.js', '\nglobalThis.calls = 100;'); } catch (e) { }
    return best;
};
