// verdict: TLE
// attack: an infinite loop in the solution
class Solution {
    public int solve(int n) {
        long x = 0;
        while (x >= 0) x = (x + 1) % 1000;
        return (int) x;
    }
}
