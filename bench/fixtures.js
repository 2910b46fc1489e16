// Builds (once) the benchmark COGs with GDAL under .bench/: a 16384 x 16384 RGB scene in UTM zone 33N,
// tiled from the committed synthetic scene so every tile has real detail, as JPEG, DEFLATE and LZW COGs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SIZE = 16384;
const SCENE = path.resolve(__dirname, '../test/fixtures/rgb-utm-deflate.tif');

function mosaicVrt(file) {
  const [width, height] = [1500, 1100];
  const sources = [];
  for (let y = 0; y < SIZE; y += height) {
    for (let x = 0; x < SIZE; x += width) {
      sources.push({ x, y, w: Math.min(width, SIZE - x), h: Math.min(height, SIZE - y) });
    }
  }
  const band = (index) => `  <VRTRasterBand dataType="Byte" band="${index}">
${sources
  .map(
    ({ x, y, w, h }) => `    <SimpleSource><SourceFilename relativeToVRT="0">${SCENE}</SourceFilename><SourceBand>${index}</SourceBand>
      <SrcRect xOff="0" yOff="0" xSize="${w}" ySize="${h}"/><DstRect xOff="${x}" yOff="${y}" xSize="${w}" ySize="${h}"/></SimpleSource>`,
  )
  .join('\n')}
  </VRTRasterBand>`;
  fs.writeFileSync(file, `<VRTDataset rasterXSize="${SIZE}" rasterYSize="${SIZE}">\n${[1, 2, 3].map(band).join('\n')}\n</VRTDataset>\n`);
}

/** Paths of the JPEG, DEFLATE and LZW COGs, building them with gdal_translate when missing. */
function benchmarkCogs(directory) {
  fs.mkdirSync(directory, { recursive: true });
  const vrt = path.join(directory, 'scene.vrt');
  const cogs = {
    jpeg: { file: path.join(directory, 'bench-jpeg.tif'), options: ['-co', 'COMPRESS=JPEG', '-co', 'QUALITY=85'] },
    deflate: { file: path.join(directory, 'bench-deflate.tif'), options: ['-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'] },
    // GDAL's default COG compression, decoded in JavaScript (on a codec thread).
    lzw: { file: path.join(directory, 'bench-lzw-256.tif'), options: ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'] },
  };
  for (const [name, { file, options }] of Object.entries(cogs)) {
    if (fs.existsSync(file)) continue;
    if (!fs.existsSync(vrt)) mosaicVrt(vrt);
    console.log(`building the ${name} benchmark COG (${SIZE} x ${SIZE}, once) ...`);
    const georeference = ['-a_srs', 'EPSG:32633', '-a_ullr', '500000', '5000000', `${500000 + SIZE * 10}`, `${5000000 - SIZE * 10}`];
    execFileSync('gdal_translate', ['-q', '-of', 'COG', '-co', 'BLOCKSIZE=256', '-co', 'NUM_THREADS=ALL_CPUS', ...options, ...georeference, vrt, `${file}.part`], {
      stdio: 'inherit',
    });
    fs.renameSync(`${file}.part`, file);
  }
  return { jpeg: cogs.jpeg.file, deflate: cogs.deflate.file, lzw: cogs.lzw.file };
}

module.exports = { benchmarkCogs };
