// verdict: MLE
// attack: allocate eight gigabytes at once
class Solution {
    public int solve(int n) {
        long[] big = new long[1 << 30];
        big[12345] = n;
        return (int) big[12345];
    }
}
