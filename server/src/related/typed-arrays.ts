/** The typed arrays the engine keeps by slot or term id. */
export type NumberArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

interface ArrayKind<T extends NumberArray> {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * An array over memory another thread can be given without a copy (a `SharedArrayBuffer`): the
 * arrays a full reprofile's helper thread reads are made so.
 */
export const sharedArray = <T extends NumberArray>(Kind: ArrayKind<T>, length: number): T => new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT));

export const isShared = (array: NumberArray): boolean => array.buffer instanceof SharedArrayBuffer;

/**
 * A new array of the same kind, `size` long (never shorter than `array`), starting with its
 * elements; shared when `array` is.
 */
export const resized = <T extends NumberArray>(array: T, size: number): T => {
  const Kind = array.constructor as ArrayKind<T>;
  const next = isShared(array) ? sharedArray(Kind, size) : new Kind(size);
  next.set(array);
  return next;
};
