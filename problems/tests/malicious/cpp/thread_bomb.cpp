// verdict: RE
// attack: thousands of sleeping threads
class Solution {
public:
    int solve(int n) {
        vector<thread> all;
        for (int i = 0; i < 100000; i++) all.emplace_back([] { this_thread::sleep_for(chrono::seconds(60)); });
        return n;
    }
};
