/** The typed arrays the engine keeps by slot or term id. */
export type NumberArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

interface ArrayKind<T extends NumberArray> {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * An array over memory another thread can be given without a copy (a `SharedArrayBuffer`): what
 * a full reprofile's helper thread reads is made so, for the pass.
 */
export const sharedArray = <T extends NumberArray>(Kind: ArrayKind<T>, length: number): T => new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT));

/** A new array of `length` elements, over shared memory when `shared`. */
export const newArray = <T extends NumberArray>(Kind: ArrayKind<T>, length: number, shared: boolean): T =>
  shared ? sharedArray(Kind, length) : new Kind(length);

export const isShared = (array: NumberArray): boolean => Object.prototype.toString.call(array.buffer) === '[object SharedArrayBuffer]';

/** A shared copy of an array (the array itself when it is shared already). */
export const sharedCopy = <T extends NumberArray>(array: T): T => (isShared(array) ? array : resized(array, array.length, true));

let releasedShared = 0;

/**
 * Notes that the engine let go of a shared array. V8 collects garbage when ordinary array memory
 * grows, not shared memory: a process that drops large shared arrays should collect once they add
 * up (`takeReleasedSharedBytes`), or they stay in memory until some other collection.
 */
export const releaseShared = (array: NumberArray | undefined): void => {
  if (array && isShared(array)) releasedShared += array.byteLength;
};

/**
 * Notes an array let go for a shared copy of it: V8 sees shared memory grow no more than its own
 * memory shrink, so the old array (ordinary or not) waits for a collection like a shared one.
 */
export const releaseForSharedCopy = (array: NumberArray): void => {
  releasedShared += array.byteLength;
};

/** Bytes of shared arrays let go since the last call. */
export const takeReleasedSharedBytes = (): number => {
  const bytes = releasedShared;
  releasedShared = 0;
  return bytes;
};

/**
 * A new array of the same kind, `size` long (never shorter than `array`), starting with its
 * elements; shared only when asked (the caller notes a shared `array` it lets go: `releaseShared`).
 */
export const resized = <T extends NumberArray>(array: T, size: number, shared = false): T => {
  const next = newArray(array.constructor as ArrayKind<T>, size, shared);
  next.set(array);
  return next;
};
