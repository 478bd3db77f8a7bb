// verdict: AC
// attack: read the host's /etc/passwd and shadow, the app's database and source (AC means nothing was found)
class Solution {
public:
    int solve(int n) {
        for (const char *path : {"/etc/passwd", "/etc/shadow", "/etc/hostname", "__REPO__/db.sqlite3", "__REPO__/manage.py", "/proc/1/environ"}) {
            ifstream in(path);
            string text;
            if (in && getline(in, text) && !text.empty()) return -1;
        }
        return n;
    }
};
