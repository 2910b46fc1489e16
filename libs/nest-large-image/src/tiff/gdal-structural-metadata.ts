import type { ReadBytes } from './tiff-dump';

/**
 * GDAL's "ghost" header: text GDAL writes right after the TIFF header of the COGs (and optimised GTiffs)
 * it creates, before the first IFD, declaring layout promises readers may rely on
 * (https://gdal.org/drivers/raster/cog.html#header-ghost-area).
 */
export interface GdalStructuralMetadata {
  /** Bytes of text after the `GDAL_STRUCTURAL_METADATA_SIZE=NNNNNN bytes\n` line. */
  size: number;
  /** e.g. LAYOUT=IFDS_BEFORE_DATA, BLOCK_ORDER=ROW_MAJOR, BLOCK_LEADER=SIZE_AS_UINT4, ... */
  items: Record<string, string>;
  /** Where the first IFD must start if nothing else was written between: right after the text, on an even byte. */
  expectedIfdOffset: number;
}

const PREFIX = 'GDAL_STRUCTURAL_METADATA_SIZE=';
/** `GDAL_STRUCTURAL_METADATA_SIZE=000000 bytes\n` */
const FIRST_LINE_LENGTH = PREFIX.length + 6 + ' bytes\n'.length;

/** Reads the ghost header of a TIFF (header of 8 bytes) or BigTIFF (16 bytes); null when there is none. */
export async function readGdalStructuralMetadata(read: ReadBytes, fileSize: number, bigtiff: boolean): Promise<GdalStructuralMetadata | null> {
  const start = bigtiff ? 16 : 8;
  if (start + FIRST_LINE_LENGTH > fileSize) return null;
  const firstLine = latin1(await read(start, FIRST_LINE_LENGTH));
  if (!firstLine.startsWith(PREFIX)) return null;
  const digits = firstLine.slice(PREFIX.length, PREFIX.length + 6);
  if (!/^\d{6}$/.test(digits)) return null;
  const size = Number(digits);
  const text = latin1(await read(start + FIRST_LINE_LENGTH, size));
  const items: Record<string, string> = {};
  for (const line of text.split('\n')) {
    // GDAL pads lines with spaces so that it can later flip values in place (NO -> YES).
    const trimmed = line.trim();
    const equals = trimmed.indexOf('=');
    if (equals > 0) items[trimmed.slice(0, equals)] = trimmed.slice(equals + 1);
  }
  const end = start + FIRST_LINE_LENGTH + size;
  return { size, items, expectedIfdOffset: end + (end % 2) };
}

/** GDAL reports LAYOUT=COG in IMAGE_STRUCTURE only when every COG promise is declared and none was broken since. */
export function declaresCogLayout(items: Record<string, string> | null): boolean {
  return (
    items?.LAYOUT === 'IFDS_BEFORE_DATA' &&
    items.BLOCK_ORDER === 'ROW_MAJOR' &&
    items.BLOCK_LEADER === 'SIZE_AS_UINT4' &&
    items.BLOCK_TRAILER === 'LAST_4_BYTES_REPEATED' &&
    items.KNOWN_INCOMPATIBLE_EDITION !== 'YES'
  );
}

function latin1(buffer: ArrayBuffer): string {
  return new TextDecoder('latin1').decode(new Uint8Array(buffer));
}
