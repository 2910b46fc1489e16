/** One `<Item>` of the GDAL_METADATA TIFF tag (42112). */
export interface GdalMetadataItem {
  name: string;
  value: string;
  /** 0-based band the item belongs to; absent for dataset items. */
  sample?: number;
  /** offset, scale, unittype, description, colorinterp...: band properties rather than metadata items. */
  role?: string;
  /** Metadata domain; absent for the default ('') domain. */
  domain?: string;
}

/** The items of one metadata domain, as GDAL reports them for the dataset and for each band (keyed 1-based). */
export interface GdalMetadataDomain {
  dataset: Record<string, string>;
  bands: Record<string, Record<string, string>>;
}

const ITEM = /<Item\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Item\s*>)/g;
const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Parses the `<GDALMetadata><Item name=".." sample=".." role=".." domain="..">value</Item>...` document GDAL
 * writes. A regular-expression reader is enough: GDAL writes flat, escaped items and nothing else.
 */
export function parseGdalMetadataXml(xml: string): GdalMetadataItem[] {
  const items: GdalMetadataItem[] = [];
  for (const [, attributeText, rawValue] of xml.matchAll(ITEM)) {
    const attributes: Record<string, string> = {};
    for (const [, key, doubleQuoted, singleQuoted] of attributeText.matchAll(ATTRIBUTE)) {
      attributes[key] = unescapeXml(doubleQuoted ?? singleQuoted);
    }
    if (attributes.name === undefined) continue;
    // GDAL escapes values twice on writing (CPLES_XML, then the XML serialiser) and unescapes them twice on reading.
    const item: GdalMetadataItem = { name: attributes.name, value: unescapeXml(unescapeXml(rawValue ?? '')) };
    if (attributes.sample !== undefined && /^\d+$/.test(attributes.sample)) item.sample = Number(attributes.sample);
    if (attributes.role) item.role = attributes.role;
    if (attributes.domain) item.domain = attributes.domain;
    items.push(item);
  }
  return items;
}

/** The plain metadata items (no role) of one domain: dataset ones, and band ones keyed by 1-based band. */
export function metadataDomain(items: GdalMetadataItem[], domain = ''): GdalMetadataDomain {
  const result: GdalMetadataDomain = { dataset: {}, bands: {} };
  for (const item of items) {
    if ((item.domain ?? '') !== domain || item.role) continue;
    if (item.sample === undefined) {
      result.dataset[item.name] = item.value;
    } else {
      (result.bands[item.sample + 1] ??= {})[item.name] = item.value;
    }
  }
  return result;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (entity, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? entity;
  });
}
