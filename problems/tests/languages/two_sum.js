var twoSum = function(nums, target) {
    const m = new Map();
    for (let i = 0; i < nums.length; i++) {
        if (m.has(target - nums[i])) return [m.get(target - nums[i]), i];
        m.set(nums[i], i);
    }
    return [];
};
