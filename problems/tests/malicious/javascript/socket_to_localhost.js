// verdict: AC
// attack: connect to a server the judge host runs on 127.0.0.1, synchronously through a child (AC means no connection)
const net = require('net');
var solve = function(n) {
    let connected = false;
    try {
        const socket = net.connect(__PORT__, '127.0.0.1', () => { connected = true; });
        socket.on('error', () => {});
    } catch (e) {
        return n;
    }
    const until = Date.now() + 300;
    while (Date.now() < until) { /* the event loop cannot run here; the connection would still be counted by the host */ }
    return connected ? -1 : n;
};
