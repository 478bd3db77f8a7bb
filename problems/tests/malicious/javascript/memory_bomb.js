// verdict: MLE
// attack: fill memory as fast as possible
var solve = function(n) {
    const all = [];
    while (true) all.push(new Array(1 << 22).fill(n));
};
