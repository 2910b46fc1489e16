/** The decoder parameters geotiff.js hands a codec (BaseDecoderParameters). */
export interface BlockLayout {
  tileWidth: number;
  tileHeight: number;
  bitsPerSample: number | ArrayLike<number>;
  planarConfiguration: number;
}

/** Bytes one block (tile or strip, all samples when interleaved, one when band-separate) decodes to. */
export function decodedBlockBytes({ tileWidth, tileHeight, bitsPerSample, planarConfiguration }: BlockLayout): number {
  const bits = typeof bitsPerSample === 'number' ? [bitsPerSample] : Array.from(bitsPerSample);
  const bitsPerPixel = planarConfiguration === 2 ? bits[0] : bits.reduce((sum, value) => sum + value, 0);
  return Math.ceil((tileWidth * bitsPerPixel) / 8) * tileHeight;
}
