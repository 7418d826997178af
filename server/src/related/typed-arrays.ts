/** The typed arrays the engine keeps by slot or term id. */
export type NumberArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

/** A new array of the same kind, `size` long (never shorter than `array`), starting with its elements. */
export const resized = <T extends NumberArray>(array: T, size: number): T => {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
};
