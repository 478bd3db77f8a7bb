class Solution {
public:
    void sortColors(vector<int>& nums) {
        int counts[3] = {0, 0, 0};
        for (int x : nums) counts[x]++;
        int k = 0;
        for (int c = 0; c < 3; c++) while (counts[c]--) nums[k++] = c;
    }
};
