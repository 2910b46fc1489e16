/** The part of lerc 3 (Esri's LERC decoder in JavaScript) that codec-worker.ts uses. */
declare module 'lerc' {
  interface LercDecoded {
    /** One typed array per band; with several values per pixel, the first holds them all. */
    pixels: Array<Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array>;
  }
  const Lerc: { decode(input: ArrayBuffer, options?: { returnPixelInterleavedDims?: boolean }): LercDecoded };
  export default Lerc;
}
