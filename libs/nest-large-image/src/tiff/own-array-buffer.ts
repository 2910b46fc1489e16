/**
 * The ArrayBuffer behind a decoder's output, as geotiff.js's decoder interface wants one. libvips and zlib
 * hand back a Buffer that owns its whole ArrayBuffer, which is then passed on as it is; only a view into a
 * larger (pooled) buffer is copied out. Copying every decoded block (768 KB for a 512 x 512 RGB tile) was
 * a tenth of a tile's main-thread time and doubled the garbage the collector had to follow.
 */
export function ownArrayBuffer(data: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = data;
  if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
}
