// verdict: WA
// attack: leave a thread running after the call that keeps a count where the next call's classes can see it (the nth test answers n only if state survived)
class Solution {
    public int solve(int n) {
        String seen = System.getProperty("mm.seen");
        int count = seen == null ? 0 : Integer.parseInt(seen) + 1;
        final int mine = count;
        Thread keeper = new Thread(() -> {
            while (true) {
                System.setProperty("mm.seen", "" + mine);
                try { Thread.sleep(1); } catch (InterruptedException e) { return; }
            }
        });
        keeper.setDaemon(true);
        keeper.start();
        return count;
    }
}
