// Reproducible random XYZ tile lists over an image's EPSG:3857 footprint.

/** mulberry32: a small seeded PRNG, so every run asks for the same tiles. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tileRange(bounds, z) {
  const n = 2 ** z;
  const column = (lon) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const row = (lat) => {
    const radians = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * n)));
  };
  return { x0: column(bounds.xmin), x1: column(bounds.xmax), y0: row(bounds.ymax), y1: row(bounds.ymin) };
}

/**
 * `count` distinct tiles touching the image, zoom levels drawn uniformly from those that have tiles left
 * (low zooms run out after their few tiles), skipping every tile in `exclude`.
 */
function randomTiles({ bounds, levels }, count, seed, exclude = new Set()) {
  const next = random(seed);
  const chosen = new Set();
  const tiles = [];
  const ranges = Array.from({ length: levels }, (_, z) => tileRange(bounds, z));
  const available = ranges.map(({ x0, x1, y0, y1 }) => (x1 - x0 + 1) * (y1 - y0 + 1));
  let attempts = 0;
  while (tiles.length < count && attempts++ < count * 1000) {
    const open = available.map((total, z) => (total > 0 ? z : -1)).filter((z) => z >= 0);
    const z = open[Math.floor(next() * open.length)];
    const { x0, x1, y0, y1 } = ranges[z];
    const x = x0 + Math.floor(next() * (x1 - x0 + 1));
    const y = y0 + Math.floor(next() * (y1 - y0 + 1));
    const key = `${z}/${x}/${y}`;
    if (chosen.has(key) || exclude.has(key)) continue;
    chosen.add(key);
    available[z]--;
    tiles.push({ z, x, y, key });
  }
  return tiles;
}

module.exports = { randomTiles };
