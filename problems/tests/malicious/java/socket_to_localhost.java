// verdict: AC
// attack: connect to a server the judge host runs on 127.0.0.1 (AC means no connection)
class Solution {
    public int solve(int n) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", __PORT__)) {
            return -1;
        } catch (Exception e) {
            return n;
        }
    }
}
