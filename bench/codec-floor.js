// The codec floor: for each tile of a list, decode the internal tiles it needs and encode a 256 x 256 PNG
// with the same codecs the server uses, 16 tiles in flight: no I/O, no warping, no HTTP. It runs in a
// process of its own with the demo's allocator and heap settings, so both pay the same for each buffer.
const { fork } = require('node:child_process');
const path = require('node:path');
const sharp = require('sharp');
const dist = path.resolve(__dirname, '../libs/nest-large-image/dist');
const { LargeImageService } = require(dist);
const { pyramidFor, tileGrid } = require(`${dist}/core/pyramid`);
const { gridSampling } = require(`${dist}/core/grid-sampling`);
const { blockBytes } = require(`${dist}/tiff/block-bytes`);
const { decoderFor } = require(`${dist}/tiff/decoders`);
const { decodeStored } = require(`${dist}/tiff/read-block`);
const { DEFAULT_ENCODING } = require(`${dist}/render/image-formats`);
const { MALLOC_ENV, NODE_FLAGS } = require('./server');

/** Measures the floor in a child process: { rps, cpuMsPerTile, blocksPerTile }. */
function codecFloor(reference, tiles, concurrency = 16) {
  const child = fork(__filename, [], { env: { ...process.env, ...MALLOC_ENV }, execArgv: NODE_FLAGS });
  return new Promise((resolve, reject) => {
    child.once('message', (answer) => (answer.error ? reject(new Error(answer.error)) : resolve(answer)));
    child.once('exit', (code) => reject(new Error(`the codec floor process exited with ${code}`)));
    child.send({ reference, tiles, concurrency });
  }).finally(() => child.kill());
}

async function measureCodecFloor(reference, tiles, concurrency) {
  const service = new LargeImageService({ storages: { local: { root: path.resolve(__dirname, '../.bench') } } });
  const raster = await service.engine.open(reference);
  const pyramid = pyramidFor(raster, 'EPSG:3857', 256);
  const work = [];
  for (const { z, x, y } of tiles) {
    const sampling = gridSampling(raster, raster.levels, tileGrid(raster, pyramid, z, x, y));
    const level = raster.levels[sampling.levelIndex];
    const stored = (await Promise.all(sampling.plan.blockIds.map((index) => blockBytes(level.image, index)))).filter(Boolean);
    const decoder = await decoderFor(level.image);
    // Real content to encode (a uniform image would compress unrealistically fast): the first block, as RGBA.
    const rgba = Buffer.alloc(256 * 256 * 4);
    if (stored.length) {
      const rgb = new Uint8Array(await decodeStored(level.image, decoder, stored[0].slice(0), 0, level.image.getTileHeight()));
      for (let i = 0; i < 256 * 256; i++) rgba.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
    }
    work.push({ image: level.image, decoder, stored, rgba });
  }
  let next = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const { image, decoder, stored, rgba } = work[next++];
        // The server's own block decoding (codec, byte order, predictor), without its caches.
        await Promise.all(stored.map((bytes) => decodeStored(image, decoder, bytes.slice(0), 0, image.getTileHeight())));
        await sharp(rgba, { raw: { width: 256, height: 256, channels: 4 } }).png({ compressionLevel: DEFAULT_ENCODING.pngCompressionLevel }).toBuffer();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  await service.onModuleDestroy();
  return {
    rps: work.length / seconds,
    // Every thread of the process: libvips', zlib's and the main thread.
    cpuMsPerTile: (cpu.user + cpu.system) / 1000 / work.length,
    blocksPerTile: work.reduce((sum, item) => sum + item.stored.length, 0) / work.length };
}

if (require.main === module) {
  process.once('message', ({ reference, tiles, concurrency }) =>
    measureCodecFloor(reference, tiles, concurrency).then(
      (floor) => process.send(floor, () => process.exit(0)),
      (error) => process.send({ error: error.stack }, () => process.exit(1)),
    ),
  );
}

module.exports = { codecFloor };
