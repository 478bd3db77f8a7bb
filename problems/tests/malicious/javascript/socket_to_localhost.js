// verdict: AC

// attack: reach Node's net by any route; connect to a server the judge host runs on 127.0.0.1 (AC means no connection)

// __NODE_ESCAPE_ROUTES__ (reachNode, nodeRequire: problems/tests/languages/node_escape_routes.js, put here by the test)

function solve(n) {
    const req = nodeRequire();
    if (!req) return n;
    let connected = false;
    try {
        const socket = req('net').connect(__PORT__, '127.0.0.1', () => { connected = true; });
        socket.on('error', () => {});
    } catch (e) {
        return n;
    }
    const until = Date.now() + 300;
    while (Date.now() < until) { /* the event loop cannot run here; the connection would still be counted by the host */ }
    return connected ? -1 : n;
}
