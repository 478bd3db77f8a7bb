// verdict: OLE
// attack: print without end, on both streams
class Solution {
    public int solve(int n) {
        while (true) {
            System.out.println("spam spam spam spam spam spam spam");
            System.err.println("spam spam spam spam spam spam spam");
        }
    }
}
