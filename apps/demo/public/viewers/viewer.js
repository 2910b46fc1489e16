// What the viewer pages share: the record to show (?id=), its metadata and, when it is georeferenced, its
// TileJSON; and a status line that counts the tiles the map loads.

/** The record's API base path, its metadata and, for a georeferenced image, its TileJSON. */
export async function imageToShow() {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) throw new Error('No image to show: open this page with ?id=<record id>');
  const base = `/api/images/${encodeURIComponent(id)}`;
  const metadata = await getJson(`${base}/info/metadata`);
  const tilejson = metadata.geospatial ? await getJson(`${base}/tilejson.json`) : undefined;
  return { base, metadata, tilejson };
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? `${url} answered ${response.status}`);
  return body;
}

/**
 * Counts tiles as the map asks for and loads them, on the page and in `window.viewerTiles` (which the
 * browser tests read).
 */
export function tileCounter(label) {
  const counts = { requested: 0, loaded: 0, failed: 0 };
  window.viewerTiles = counts;
  const status = document.getElementById('status');
  const show = () => {
    status.textContent = `${label}: ${counts.loaded} of ${counts.requested} tiles loaded${counts.failed ? `, ${counts.failed} failed` : ''}`;
  };
  return {
    requested: () => (counts.requested++, show()),
    loaded: () => (counts.loaded++, show()),
    failed: () => (counts.failed++, show()),
  };
}

/**
 * A tile drawn at its own size on a canvas of the full tile size. The API crops the edge tiles of an image
 * in pixel coordinates to the image (as large_image does), and Leaflet and OpenLayers would stretch such a
 * tile over the whole tile's place.
 */
export function tileOnCanvas(url, tileWidth, tileHeight, canvas = document.createElement('canvas')) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      canvas.width = tileWidth;
      canvas.height = tileHeight;
      canvas.getContext('2d').drawImage(image, 0, 0);
      resolve(canvas);
    };
    image.onerror = () => reject(new Error(`${url} did not load`));
    image.src = url;
  });
}

/** Shows why the page cannot show the image. */
export function showError(error) {
  window.viewerError = error.message;
  document.getElementById('status').textContent = error.message;
}
