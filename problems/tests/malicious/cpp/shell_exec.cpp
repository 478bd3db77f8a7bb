// verdict: RE
// attack: replace the process with a shell, or with the program itself, through exec
#include <unistd.h>
class Solution {
public:
    int solve(int n) {
        execl("/bin/sh", "sh", "-c", "touch /tmp/pwned", (char *)nullptr);
        execl("/build/main", "main", (char *)nullptr);
        execl("/usr/bin/python3.11", "python3.11", "-c", "open('/tmp/pwned','w')", (char *)nullptr);
        throw runtime_error(string("exec failed: ") + strerror(errno));
    }
};
