// verdict: RE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: run a shell command
const { execSync } = require('child_process') as any;
function solve(n: number): number {
    execSync('touch /tmp/pwned');
    return n;
}
