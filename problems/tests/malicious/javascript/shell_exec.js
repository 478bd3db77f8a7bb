// verdict: RE
// attack: run a shell command
const { execSync } = require('child_process');
var solve = function(n) {
    execSync('touch /tmp/pwned');
    return n;
};
