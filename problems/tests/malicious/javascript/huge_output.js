// verdict: OLE

// attack: print without end, on both streams

function solve(n) {
    while (true) {
        console.log('spam spam spam spam spam spam spam');
        console.error('spam spam spam spam spam spam spam');
    }
}
