function sortColors(nums: number[]): void {
    nums.sort((a, b) => a - b);
}
