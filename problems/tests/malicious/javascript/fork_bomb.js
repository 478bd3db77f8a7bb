// verdict: RE
// attack: start processes until something breaks
const { spawnSync, execFileSync } = require('child_process');
var solve = function(n) {
    while (true) execFileSync('/usr/bin/node', ['-e', '1']);
};
