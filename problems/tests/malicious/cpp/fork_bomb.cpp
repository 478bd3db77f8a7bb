// verdict: RE
// attack: a classic fork bomb (an attacker who checks for errors aborts when fork fails)
#include <unistd.h>
class Solution {
public:
    int solve(int n) {
        while (true) {
            if (fork() < 0) abort();
        }
    }
};
