// verdict: AC
// attack: read the host's /etc/passwd and shadow, the app's database and source (AC means nothing was found)
import java.nio.file.*;
class Solution {
    public int solve(int n) {
        for (String path : new String[] {"/etc/passwd", "/etc/shadow", "/etc/hostname", "__REPO__/db.sqlite3", "__REPO__/manage.py", "/proc/1/environ"}) {
            try {
                if (Files.readAllBytes(Paths.get(path)).length > 0) return -1;
            } catch (Exception e) {
                // not there: good
            }
        }
        return n;
    }
}
