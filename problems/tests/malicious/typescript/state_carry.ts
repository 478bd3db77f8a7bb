// verdict: WA
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: count tests in a global, /tmp and the build directory (the nth test answers n only if state survived)
const fs = require('fs') as any;
function countIn(path) {
    let count = -1;
    try { count = parseInt(fs.readFileSync(path, 'utf8'), 10); } catch (e) { }
    count++;
    try { fs.chmodSync('/build', 0o777); } catch (e) { }
    try { fs.writeFileSync(path, String(count)); } catch (e) { }
    return count;
}
(globalThis as any).calls = ((globalThis as any).calls === undefined ? -1 : (globalThis as any).calls) + 1;
function solve(n: number): number {
    let best = (globalThis as any).calls;
    best = Math.max(best, countIn('/tmp/.count'));
    best = Math.max(best, countIn('/build/.count'));
    try { fs.appendFileSync('/build/solution.js', '\n(globalThis as any).calls = 100;'); } catch (e) { }
    return best;
}
