// verdict: AC
// attack: kill the worker that started this test, and pid 1 (AC means both survived: kill fails)
#include <csignal>
#include <unistd.h>
class Solution {
public:
    int solve(int n) {
        if (kill(getppid(), SIGKILL) == 0 || kill(1, SIGKILL) == 0 || kill(-1, SIGKILL) == 0) return -1;
        return n;
    }
};
