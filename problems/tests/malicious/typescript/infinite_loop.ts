// verdict: TLE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: an infinite loop in the solution
function solve(n: number): number {
    for (;;) {}
}
