// verdict: TLE
// attack: an infinite loop in the solution
class Solution {
public:
    int solve(int n) {
        volatile unsigned long x = 0;
        while (true) x++;
    }
};
