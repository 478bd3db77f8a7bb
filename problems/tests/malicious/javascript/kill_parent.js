// verdict: RE
// attack: kill the worker that started this test, and pid 1
var solve = function(n) {
    process.kill(process.ppid, 'SIGKILL');
    process.kill(1, 'SIGKILL');
    return n;
};
