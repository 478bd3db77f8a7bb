// verdict: MLE
// attack: allocate ten gigabytes at once, then fill memory in 64 MB blocks, touching every page
class Solution {
public:
    int solve(int n) {
        volatile char *huge = new char[10ULL << 30];
        huge[12345] = 1;
        vector<char *> all;
        while (true) {
            char *block = new char[64 << 20];
            memset(block, n + 1, 64 << 20);
            all.push_back(block);
            n += block[4096];
        }
        return n;
    }
};
