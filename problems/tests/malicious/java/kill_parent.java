// verdict: AC
// attack: kill the worker that started this test, and pid 1 (AC means both survived)
class Solution {
    public int solve(int n) {
        boolean killed = false;
        for (long pid : new long[] {1, 2, 3}) {
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().destroyForcibly()) killed = true;
        }
        var parent = ProcessHandle.current().parent();
        if (parent.isPresent() && parent.get().destroyForcibly()) killed = true;
        return killed ? -1 : n;
    }
}
