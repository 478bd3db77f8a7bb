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
// LeetCode's priority queues: @datastructures-js/priority-queue 6.3.1 (its own .d.ts, as globals).
type ICompare<T> = (a: T, b: T) => number;
type IGetCompareValue<T> = (value: T) => number | string;
declare class PriorityQueue<T> {
    constructor(compare: ICompare<T>, values?: T[]);
    [Symbol.iterator](): Iterator<T, any, undefined>;
    size(): number;
    isEmpty(): boolean;
    front(): T;
    back(): T;
    enqueue(value: T): PriorityQueue<T>;
    push(value: T): PriorityQueue<T>;
    dequeue(): T;
    pop(): T;
    remove(cb: (value: T) => boolean): T[];
    toArray(): T[];
    clear(): void;
    static fromArray<T>(values: T[], compare: ICompare<T>): PriorityQueue<T>;
}
declare class MinPriorityQueue<T> {
    constructor(getCompareValue?: IGetCompareValue<T>);
    [Symbol.iterator](): Iterator<T, any, undefined>;
    size(): number;
    isEmpty(): boolean;
    front(): T;
    back(): T;
    enqueue(value: T): MinPriorityQueue<T>;
    push(value: T): MinPriorityQueue<T>;
    dequeue(): T;
    pop(): T;
    remove(cb: (value: T) => boolean): T[];
    toArray(): T[];
    clear(): void;
    static fromArray<T>(values: T[], getCompareValue?: IGetCompareValue<T>): MinPriorityQueue<T>;
}
declare class MaxPriorityQueue<T> {
    constructor(getCompareValue?: IGetCompareValue<T>);
    [Symbol.iterator](): Iterator<T, any, undefined>;
    size(): number;
    isEmpty(): boolean;
    front(): T;
    back(): T;
    enqueue(value: T): MaxPriorityQueue<T>;
    push(value: T): MaxPriorityQueue<T>;
    dequeue(): T;
    pop(): T;
    remove(cb: (value: T) => boolean): T[];
    toArray(): T[];
    clear(): void;
    static fromArray<T>(values: T[], getCompareValue?: IGetCompareValue<T>): MaxPriorityQueue<T>;
}
