// verdict: OLE
// attack: print without end
class Solution {
public:
    int solve(int n) {
        while (true) printf("spam spam spam spam spam spam spam\n");
    }
};
