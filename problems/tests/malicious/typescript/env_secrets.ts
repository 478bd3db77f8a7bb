// verdict: AC
declare function require(name: string): any;
declare var process: any;

// attack: reach Node's process by any route and read the app's secrets from the environment (AC means no route and no secret)

// __NODE_ESCAPE_ROUTES__ (reachNode, nodeRequire: problems/tests/languages/node_escape_routes.ts, put here by the test)

function solve(n: number): number {
    const p = reachNode();
    if (p) return -1;
    return n;
}
