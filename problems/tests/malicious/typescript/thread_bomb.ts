// verdict: RE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: thousands of worker threads
const { Worker } = require('worker_threads') as any;
function solve(n: number): number {
    const all = [];
    for (let i = 0; i < 10000; i++) all.push(new Worker('setTimeout(() => {}, 60000)', { eval: true }));
    return n;
}
