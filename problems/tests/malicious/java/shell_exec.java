// verdict: RE
// attack: run a shell command
class Solution {
    public int solve(int n) throws Exception {
        Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "touch /tmp/pwned"}).waitFor();
        return n;
    }
}
