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
// LeetCode's priority queues: @datastructures-js/priority-queue 6.3.1 (its own .d.ts, as
// globals; the three classes share their methods).
interface DatastructuresJsPriorityQueue<T> {
    [Symbol.iterator](): Iterator<T, any, undefined>;
    size(): number;
    isEmpty(): boolean;
    front(): T;
    back(): T;
    enqueue(value: T): this;
    push(value: T): this;
    dequeue(): T;
    pop(): T;
    remove(cb: (value: T) => boolean): T[];
    toArray(): T[];
    clear(): void;
}
declare class PriorityQueue<T> {
    constructor(compare: (a: T, b: T) => number, values?: T[]);
    static fromArray<T>(values: T[], compare: (a: T, b: T) => number): PriorityQueue<T>;
}
interface PriorityQueue<T> extends DatastructuresJsPriorityQueue<T> {}
declare class MinPriorityQueue<T> {
    constructor(getCompareValue?: (value: T) => number | string);
    static fromArray<T>(values: T[], getCompareValue?: (value: T) => number | string): MinPriorityQueue<T>;
}
interface MinPriorityQueue<T> extends DatastructuresJsPriorityQueue<T> {}
declare class MaxPriorityQueue<T> {
    constructor(getCompareValue?: (value: T) => number | string);
    static fromArray<T>(values: T[], getCompareValue?: (value: T) => number | string): MaxPriorityQueue<T>;
}
interface MaxPriorityQueue<T> extends DatastructuresJsPriorityQueue<T> {}
