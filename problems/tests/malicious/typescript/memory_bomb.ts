// verdict: MLE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: fill memory as fast as possible
function solve(n: number): number {
    const all = [];
    while (true) all.push(new Array(1 << 22).fill(n));
}
