// verdict: RE
// attack: thousands of worker threads
const { Worker } = require('worker_threads');
var solve = function(n) {
    const all = [];
    for (let i = 0; i < 10000; i++) all.push(new Worker('setTimeout(() => {}, 60000)', { eval: true }));
    return n;
};
