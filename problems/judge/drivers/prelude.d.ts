// What a TypeScript candidate finds declared, as on LeetCode (the driver defines them).
declare class ListNode {
    val: number;
    next: ListNode | null;
    constructor(val?: number, next?: ListNode | null);
}
declare class TreeNode {
    val: number;
    left: TreeNode | null;
    right: TreeNode | null;
    constructor(val?: number, left?: TreeNode | null, right?: TreeNode | null);
}
declare var module: { exports: unknown };
declare var console: { log(...data: unknown[]): void; error(...data: unknown[]): void };
