// verdict: AC

// attack: reach Node's fs by any route; read the host's /etc/passwd and shadow, the app's database and source (AC means nothing was found)

// __NODE_ESCAPE_ROUTES__ (reachNode, nodeRequire: problems/tests/languages/node_escape_routes.js, put here by the test)

function solve(n) {
    const req = nodeRequire();
    if (!req) return n;
    const fs = req('fs');
    for (const path of ['/etc/passwd', '/etc/shadow', '/etc/hostname', '__REPO__/db.sqlite3', '__REPO__/manage.py', '/proc/1/environ']) {
        try {
            if (fs.readFileSync(path).length) return -1;
        } catch (e) {
            // not there: good
        }
    }
    return n;
}
