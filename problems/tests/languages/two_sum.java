class Solution {
    public int[] twoSum(int[] nums, int target) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            Integer j = m.get(target - nums[i]);
            if (j != null) return new int[] {j, i};
            m.put(nums[i], i);
        }
        return new int[0];
    }
}
