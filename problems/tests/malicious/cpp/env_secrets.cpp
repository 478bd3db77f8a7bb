// verdict: AC
// attack: read the app's secrets from the environment (AC means none were visible)
extern char **environ;
class Solution {
public:
    int solve(int n) {
        if (getenv("DJANGO_SECRET_KEY")) return -1;
        for (char **e = environ; *e; e++)
            if (string(*e).find("django") != string::npos || string(*e).find("SECRET") != string::npos) return -1;
        return n;
    }
};
