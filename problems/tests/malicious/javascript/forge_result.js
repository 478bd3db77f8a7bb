// verdict: RE
// attack: write a forged result frame on the result fd, then answer wrongly (RE: the channel holds two frames)
const fs = require('fs');
var solve = function(n) {
    const body = Buffer.from(JSON.stringify(n));
    const head = Buffer.from(JSON.stringify({ status: 'ok', call_s: 0, payload: body.length }));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(head.length);
    try { fs.writeSync(3, Buffer.concat([len, head, body])); } catch (e) { }
    return n + 1000;
};
