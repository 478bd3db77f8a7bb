// verdict: RE
// attack: thousands of sleeping threads
class Solution {
    public int solve(int n) {
        for (int i = 0; i < 100000; i++) {
            Thread t = new Thread(() -> { try { Thread.sleep(60000); } catch (InterruptedException e) { } });
            t.start();
        }
        return n;
    }
}
