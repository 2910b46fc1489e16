import type { RasterSource } from '../tiff/raster-source';
import { blockBytes } from '../tiff/block-bytes';
import { asBlockError } from '../tiff/read-block';
import { spliceTables } from '../tiff/jpeg.decoder';
import { frameLevels } from './frame';
import type { OutputGrid } from './output-grid';

const JPEG_COMPRESSION = 7;
const YCBCR = 6;

/**
 * The stored bytes of an internal JPEG tile when a pixel-space output tile is exactly that tile: same level,
 * same 256-pixel grid, wholly inside the image, 8-bit YCbCr with no mask, alpha or nodata, asked as JPEG
 * with the default style (which is the identity for such data). Decoding and re-encoding would only lose
 * quality and time, so these bytes (with the IFD's shared JPEG tables spliced in) are the answer.
 */
export async function storedJpegTile(raster: RasterSource, grid: OutputGrid, frame: number | undefined): Promise<Buffer | undefined> {
  if (grid.kind !== 'pixel' || raster.dtype !== 'uint8' || raster.bandCount !== 3 || raster.nodata !== null || raster.alphaBand !== null) return undefined;
  const levels = frameLevels(raster, frame);
  const level = levels.find((candidate) => candidate.width * grid.scaleX === raster.width && candidate.height * grid.scaleY === raster.height);
  if (!level || level.mask || level.tileWidth !== grid.width || level.tileHeight !== grid.height) return undefined;
  const { image } = level;
  const ifd = image.fileDirectory;
  if (Number(ifd.getValue('Compression')) !== JPEG_COMPRESSION || Number(ifd.getValue('PhotometricInterpretation')) !== YCBCR) return undefined;
  const column = grid.left / grid.scaleX / level.tileWidth;
  const row = grid.top / grid.scaleY / level.tileHeight;
  const inside = (column + 1) * level.tileWidth <= level.width && (row + 1) * level.tileHeight <= level.height;
  if (!Number.isInteger(column) || !Number.isInteger(row) || !inside || image.planarConfiguration !== 1) return undefined;
  const bytes = await blockBytes(image, row * Math.ceil(level.width / level.tileWidth) + column).catch((error: unknown) => {
    throw asBlockError(error, column, row);
  });
  if (!bytes) return undefined;
  const tables = (await ifd.loadValue('JPEGTables').catch(() => undefined)) as Uint8Array | undefined;
  const tile = new Uint8Array(bytes);
  return Buffer.from(tables?.length ? spliceTables(Uint8Array.from(tables), tile) : tile);
}
