// verdict: RE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: kill the worker that started this test, and pid 1
function solve(n: number): number {
    process.kill(process.ppid, 'SIGKILL');
    process.kill(1, 'SIGKILL');
    return n;
}
