/** True when the bytes start like a classic TIFF or a BigTIFF, in either byte order. */
export function looksLikeTiff(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return false;
  const version = order === 'II' ? bytes.readUInt16LE(2) : bytes.readUInt16BE(2);
  return version === 42 || version === 43;
}
