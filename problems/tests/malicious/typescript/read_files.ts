// verdict: AC
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: read the host's /etc/passwd and shadow, the app's database and source (AC means nothing was found)
const fs = require('fs') as any;
function solve(n: number): number {
    for (const path of ['/etc/passwd', '/etc/shadow', '/etc/hostname', '__REPO__/db.sqlite3', '__REPO__/manage.py', '/proc/1/environ']) {
        try {
            if (fs.readFileSync(path).length) return -1;
        } catch (e) {
            // not there: good
        }
    }
    return n;
}
