// Writes src/geo/helmert-to-wgs84.json: every EPSG Helmert transformation from a geographic CRS to
// WGS 84 in PROJ's database, with its area of use and accuracy, as proj4 `towgs84` parameters.
// GDAL (through PROJ) picks one of these for a CRS whose datum is not WGS 84 when no grid applies;
// datum-shift.ts makes the same choice for the image's area. Regenerate when PROJ's database changes:
//   node libs/nest-large-image/scripts/helmert-table.js [/usr/share/proj/proj.db]
const path = require('node:path');
const fs = require('node:fs');
const Database = require('better-sqlite3');

const db = new Database(process.argv[2] ?? '/usr/share/proj/proj.db', { readonly: true });
const rows = db
  .prepare(
    `SELECT h.code, h.method_code, h.source_crs_code, h.accuracy, h.tx, h.ty, h.tz, h.rx, h.ry, h.rz, h.scale_difference,
            h.translation_uom_code, h.rotation_uom_code, h.scale_difference_uom_code,
            e.west_lon, e.south_lat, e.east_lon, e.north_lat
     FROM helmert_transformation h
     JOIN usage u ON u.object_table_name = 'helmert_transformation' AND u.object_auth_name = h.auth_name AND u.object_code = h.code
     JOIN extent e ON e.auth_name = u.extent_auth_name AND e.code = u.extent_code
     JOIN geodetic_crs g ON g.auth_name = h.source_crs_auth_name AND g.code = h.source_crs_code
     WHERE h.auth_name = 'EPSG' AND h.source_crs_auth_name = 'EPSG' AND h.target_crs_auth_name = 'EPSG'
       AND h.target_crs_code = '4326' AND h.deprecated = 0 AND g.type = 'geographic 2D'
     ORDER BY h.source_crs_code, h.code`,
  )
  .all();

const GEOCENTRIC_TRANSLATIONS = '9603';
const POSITION_VECTOR = '9606';
const COORDINATE_FRAME = '9607';
const metres = { 9001: 1, 1025: 0.001 };
const arcSeconds = { 9104: 1, 9109: 0.206264806, 9113: 0.324, 9101: 206264.806247, 1031: 0.001 };
const ppm = { 9202: 1, 1028: 0.001 };

const table = {};
for (const row of rows) {
  if (![GEOCENTRIC_TRANSLATIONS, POSITION_VECTOR, COORDINATE_FRAME].includes(String(row.method_code))) continue;
  const t = metres[row.translation_uom_code];
  const rotations = [row.rx, row.ry, row.rz].map((value) => (value ?? 0) * (row.rotation_uom_code ? arcSeconds[row.rotation_uom_code] : 0));
  // proj4's towgs84 is position-vector; coordinate-frame rotations have the opposite sign.
  const sign = String(row.method_code) === COORDINATE_FRAME ? -1 : 1;
  const scale = (row.scale_difference ?? 0) * (row.scale_difference_uom_code ? ppm[row.scale_difference_uom_code] : 0);
  const round = (value) => Number(value.toPrecision(12));
  const towgs84 = [row.tx * t, row.ty * t, row.tz * t, ...rotations.map((r) => sign * r), scale].map(round);
  (table[row.source_crs_code] ??= []).push([
    Number(row.code),
    row.accuracy,
    [row.west_lon, row.south_lat, row.east_lon, row.north_lat],
    towgs84,
  ]);
}
const out = path.join(__dirname, '../src/geo/helmert-to-wgs84.json');
fs.writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`${Object.values(table).flat().length} transformations for ${Object.keys(table).length} geographic CRSs written to ${out}`);
