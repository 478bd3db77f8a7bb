// verdict: TLE
// attack: an infinite loop in the solution
var solve = function(n) {
    for (;;) {}
};
