// verdict: OLE
declare function require(name: string): any;
declare var process: any;

// attack: print without end, on both streams

function solve(n: number): number {
    while (true) {
        console.log('spam spam spam spam spam spam spam');
        console.error('spam spam spam spam spam spam spam');
    }
}
