// verdict: OLE
// attack: print without end, on both streams
var solve = function(n) {
    while (true) {
        console.log('spam spam spam spam spam spam spam');
        process.stderr.write('spam spam spam spam spam spam spam\n');
    }
};
