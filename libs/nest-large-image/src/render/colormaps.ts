import * as chromatic from 'd3-scale-chromatic';
import { BadParameterError } from '../errors/large-image.errors';
import { parseCssColor, type Rgba } from './css-color';

/** A named palette: colours evenly spaced over [0, 1] and linearly interpolated, as large_image uses palettes. */
export interface Colormap {
  /** matplotlib's spelling, e.g. `RdYlGn`, `viridis_r`. */
  name: string;
  colors: readonly Rgba[];
}

/** The body of `/api/large-image/colormaps`, shaped like django-large-image's ListColormapsView. */
export interface ColormapList {
  matplotlib: string[];
  simple: string[];
}

/** One channel of a matplotlib LinearSegmentedColormap: rows (x, value left of x, value right of x), or a function. */
type Channel = ReadonlyArray<readonly [number, number, number]> | ((x: number) => number);
interface Segments {
  red: Channel;
  green: Channel;
  blue: Channel;
}
/** Evenly spaced colours (hex strings), or segment data to sample. */
type Definition = () => readonly string[] | Segments;

/** matplotlib's lookup-table size (rcParams['image.lut']): segment data is sampled at this many points. */
const LUT_SIZE = 256;

/**
 * matplotlib's cividis and turbo (matplotlib/_cm_listed.py) rounded as `matplotlib.colors.to_hex` does; d3's
 * interpolateCividis/interpolateTurbo are polynomial approximations that differ from them by tens of levels.
 */
const CIVIDIS_HEX =
  '00224e00234f00245100255300255400265600275800285900285b00295d002a5f002a61002b62002c64002c66002d68' +
  '002e6a002e6c002f6d00306f0030700031700031710132710533710833700c34700f357012357014367016377018376f' +
  '1a386f1c396f1e3a6f203a6f213b6e233c6e243c6e263d6e273e6e293f6e2a3f6d2b406d2d416d2e416d2f426d31436d' +
  '32436d33446d34456c35456c36466c38476c39486c3a486c3b496c3c4a6c3d4a6c3e4b6c3f4c6c404c6c414d6c424e6c' +
  '434e6c444f6c45506c46516c47516c48526c49536c4a536c4b546c4c556c4d556c4e566c4f576c50576c51586d52596d' +
  '535a6d545a6d555b6d555c6d565c6d575d6d585e6d595e6e5a5f6e5b606e5c616e5d616e5e626e5e636f5f636f60646f' +
  '61656f62656f636670646770656870656870666970676a71686a71696b716a6c716b6d726c6d726c6e726d6f726e6f73' +
  '6f70737071737172747272747273747374757474757575757676767777767777777878777979777a7a787b7a787c7b78' +
  '7d7c787e7c787e7d787f7e78807f78817f788280798381798482798582798683798784788885788985788a86788b8778' +
  '8c88788d88788e89788f8a78908b78918b78928c78928d78938e78948e77958f779690779791779892779992779a9376' +
  '9b94769c95769d95769e96769f9775a09875a19975a29975a39a74a49b74a59c74a69c74a79d73a89e73a99f73aaa073' +
  'aba072aca172ada272aea371afa471b0a571b1a570b3a670b4a76fb5a86fb6a96fb7a96eb8aa6eb9ab6dbaac6dbbad6d' +
  'bcae6cbdae6cbeaf6bbfb06bc0b16ac1b26ac2b369c3b369c4b468c5b568c6b667c7b767c8b866c9b965cbb965ccba64' +
  'cdbb63cebc63cfbd62d0be62d1bf61d2c060d3c05fd4c15fd5c25ed6c35dd7c45cd9c55cdac65bdbc75adcc859ddc858' +
  'dec958dfca57e0cb56e1cc55e2cd54e4ce53e5cf52e6d051e7d150e8d24fe9d34eead34cebd44bedd54aeed649efd748' +
  'f0d846f1d945f2da44f3db42f5dc41f6dd3ff7de3ef8df3cf9e03afbe138fce236fde334fee434fee535fee636fee838';

const TURBO_HEX =
  '30123b32154333184a341b51351e5836215f37246638276d392a733a2d793b2f803c32863d358b3e38913f3b973f3e9c' +
  '4040a24143a74146ac4249b1424bb5434eba4451bf4454c34456c74559cb455ccf455ed34661d64664da4666dd4669e0' +
  '466be3476ee64771e94773eb4776ee4778f0477bf2467df44680f64682f84685fa4687fb458afc458cfd448ffe4391fe' +
  '4294ff4196ff4099ff3e9bfe3d9efe3ba0fd3aa3fc38a5fb37a8fa35abf833adf731aff52fb2f42eb4f22cb7f02ab9ee' +
  '28bceb27bee925c0e723c3e422c5e220c7df1fc9dd1ecbda1ccdd81bd0d51ad2d21ad4d019d5cd18d7ca18d9c818dbc5' +
  '18ddc218dec018e0bd19e2bb19e3b91ae4b61ce6b41de7b21fe9af20eaac22ebaa25eca727eea42aefa12cf09e2ff19b' +
  '32f29835f39438f4913cf58e3ff68a43f78746f8844af8804ef97d52fa7a55fa7659fb735dfc6f61fc6c65fd6969fd66' +
  '6dfe6271fe5f75fe5c79fe597dff5680ff5384ff5188ff4e8bff4b8fff4992ff4796fe4499fe429cfe409ffd3fa1fd3d' +
  'a4fc3ca7fc3aa9fb39acfb38affa37b1f936b4f836b7f735b9f635bcf534bef434c1f334c3f134c6f034c8ef34cbed34' +
  'cdec34d0ea34d2e935d4e735d7e535d9e436dbe236dde037dfdf37e1dd37e3db38e5d938e7d739e9d539ebd339ecd13a' +
  'eecf3aefcd3af1cb3af2c93af4c73af5c53af6c33af7c13af8be39f9bc39faba39fbb838fbb637fcb336fcb136fdae35' +
  'fdac34fea933fea732fea431fea130fe9e2ffe9b2dfe992cfe962bfe932afe9029fd8d27fd8a26fc8725fc8423fb8122' +
  'fb7e21fa7b1ff9781ef9751df8721cf76f1af66c19f56918f46617f36315f26014f15d13f05b12ef5811ed5510ec530f' +
  'eb500eea4e0de84b0ce7490ce5470be4450ae2430ae14109df3f08dd3d08dc3b07da3907d83706d63506d43305d23105' +
  'd02f05ce2d04cc2b04ca2a04c82803c52603c32503c12302be2102bc2002b91e02b71d02b41b01b21a01af1801ac1701' +
  'a91601a71401a41301a112019e10019b0f01980e01950d01920b018e0a018b09028808028507028106027e05027a0403';

/** matplotlib's pink (_cm.py: 64 evenly spaced rows, the same in every channel) and tab20/tab20b/tab20c. */
const PINK_HEX =
  '1e0000321a1a4025254b2d2d5534345e3b3b6640406e4545754a4a7b4f4f8253538857578d5b5b935f5f9862629d6666' +
  'a26969a76c6cac6f6fb07272b57575b97878bd7b7bc27e7ec38481c58a83c79086c99588ca9a8bcc9f8dcea490cfa992' +
  'd1ae94d3b297d4b799d6bb9bd8bf9dd9c3a0dbc7a2dccba4decfa6dfd3a8e1d7aae2daace4deaee5e1b0e7e5b2e8e8b4' +
  'eaeab9ebebbfededc4eeeec9f0f0cef1f1d3f3f3d8f4f4ddf5f5e1f7f7e6f8f8eafafaeefbfbf3fcfcf7fefefbffffff';
const TAB20_HEX =
  '1f77b4aec7e8ff7f0effbb782ca02c98df8ad62728ff98969467bdc5b0d58c564bc49c94e377c2f7b6d27f7f7fc7c7c7bcbd22dbdb8d17becf9edae5';
const TAB20B_HEX =
  '393b795254a36b6ecf9c9ede6379398ca252b5cf6bcedb9c8c6d31bd9e39e7ba52e7cb94843c39ad494ad6616be7969c7b4173a55194ce6dbdde9ed6';
const TAB20C_HEX =
  '3182bd6baed69ecae1c6dbefe6550dfd8d3cfdae6bfdd0a231a35474c476a1d99bc7e9c0756bb19e9ac8bcbddcdadaeb636363969696bdbdbdd9d9d9';

/** d3 stores viridis, magma, inferno and plasma as matplotlib's exact 256 colours; read them back entry by entry. */
const ramp256 = (interpolate: (t: number) => string) => () => Array.from({ length: 256 }, (_, i) => interpolate((i + 0.5) / 256));
const hexTable = (hex: string) => () => hex.match(/.{6}/g)!.map((rgb) => `#${rgb}`);
/** ColorBrewer through d3: matplotlib's copies (_cm.py) use the 9-class sequential and 11-class diverging schemes. */
const brewer = (scheme: ReadonlyArray<readonly string[]>, classes: 9 | 11) => () => scheme[classes];
const listed = (colors: readonly string[]) => () => colors;
const evenly = (...rows: string[]) => () => rows.join(' ').split(' ');
const segments = (data: Segments) => () => data;
/** matplotlib `LinearSegmentedColormap.from_list` with (position, rgb) pairs. */
const positioned = (stops: ReadonlyArray<readonly [number, readonly [number, number, number]]>) => () => ({
  red: stops.map(([x, rgb]) => [x, rgb[0], rgb[0]] as const),
  green: stops.map(([x, rgb]) => [x, rgb[1], rgb[1]] as const),
  blue: stops.map(([x, rgb]) => [x, rgb[2], rgb[2]] as const),
});

/** matplotlib's cubehelix() defaults (_cm.py `_ch_helper`): gamma 1, s 0.5, r -1.5, h 1. */
const cubehelix = (p0: number, p1: number) => (x: number) => {
  const amplitude = (x * (1 - x)) / 2;
  const phi = 2 * Math.PI * (0.5 / 3 - 1.5 * x);
  return x + amplitude * (p0 * Math.cos(phi) + p1 * Math.sin(phi));
};

/** Colormaps by matplotlib name. Data not in d3 is transcribed from matplotlib/_cm.py. */
const DEFINITIONS: Record<string, Definition> = {
  viridis: ramp256(chromatic.interpolateViridis),
  magma: ramp256(chromatic.interpolateMagma),
  inferno: ramp256(chromatic.interpolateInferno),
  plasma: ramp256(chromatic.interpolatePlasma),
  cividis: hexTable(CIVIDIS_HEX),
  turbo: hexTable(TURBO_HEX),

  Blues: brewer(chromatic.schemeBlues, 9),
  BuGn: brewer(chromatic.schemeBuGn, 9),
  BuPu: brewer(chromatic.schemeBuPu, 9),
  GnBu: brewer(chromatic.schemeGnBu, 9),
  Greens: brewer(chromatic.schemeGreens, 9),
  Greys: brewer(chromatic.schemeGreys, 9),
  OrRd: brewer(chromatic.schemeOrRd, 9),
  Oranges: brewer(chromatic.schemeOranges, 9),
  PuBu: brewer(chromatic.schemePuBu, 9),
  PuBuGn: brewer(chromatic.schemePuBuGn, 9),
  PuRd: brewer(chromatic.schemePuRd, 9),
  Purples: brewer(chromatic.schemePurples, 9),
  RdPu: brewer(chromatic.schemeRdPu, 9),
  Reds: brewer(chromatic.schemeReds, 9),
  YlGn: brewer(chromatic.schemeYlGn, 9),
  YlGnBu: brewer(chromatic.schemeYlGnBu, 9),
  YlOrBr: brewer(chromatic.schemeYlOrBr, 9),
  YlOrRd: brewer(chromatic.schemeYlOrRd, 9),
  BrBG: brewer(chromatic.schemeBrBG, 11),
  PRGn: brewer(chromatic.schemePRGn, 11),
  PiYG: brewer(chromatic.schemePiYG, 11),
  // matplotlib's PuOr runs orange to purple, the reverse of ColorBrewer's (and d3's) order.
  PuOr: () => [...chromatic.schemePuOr[11]].reverse(),
  RdBu: brewer(chromatic.schemeRdBu, 11),
  RdGy: brewer(chromatic.schemeRdGy, 11),
  RdYlBu: brewer(chromatic.schemeRdYlBu, 11),
  RdYlGn: brewer(chromatic.schemeRdYlGn, 11),
  Spectral: brewer(chromatic.schemeSpectral, 11),
  Accent: listed(chromatic.schemeAccent),
  Dark2: listed(chromatic.schemeDark2),
  Paired: listed(chromatic.schemePaired),
  Pastel1: listed(chromatic.schemePastel1),
  Pastel2: listed(chromatic.schemePastel2),
  Set1: listed(chromatic.schemeSet1),
  Set2: listed(chromatic.schemeSet2),
  Set3: listed(chromatic.schemeSet3),
  // d3's category10 is matplotlib's tab10 (d3's schemeTableau10 is Tableau's newer palette).
  tab10: listed(chromatic.schemeCategory10),
  tab20: hexTable(TAB20_HEX),
  tab20b: hexTable(TAB20B_HEX),
  tab20c: hexTable(TAB20C_HEX),

  gray: evenly('#000000 #ffffff'),
  binary: evenly('#ffffff #000000'),
  autumn: evenly('#ff0000 #ffff00'),
  cool: evenly('#00ffff #ff00ff'),
  spring: evenly('#ff00ff #ffff00'),
  summer: evenly('#008066 #ffff66'),
  winter: evenly('#0000ff #00ff80'),
  bwr: evenly('#0000ff #ffffff #ff0000'),
  brg: evenly('#0000ff #ff0000 #00ff00'),
  seismic: evenly('#00004c #0000ff #ffffff #ff0000 #800000'),
  Wistia: evenly('#e4ff7a #ffe81a #ffbd00 #ffa000 #fc7f00'),
  CMRmap: evenly('#000000 #262680 #4c26bf #993380 #ff4026 #e68000 #e6bf1a #e6e680 #ffffff'),
  coolwarm: evenly(
    '#3b4cc0 #445acc #4d68d7 #5775e1 #6282ea #6c8ef1 #779af7 #82a5fb #8db0fe #98b9ff #a3c2ff',
    '#aec9fd #b8d0f9 #c2d5f4 #ccd9ee #d5dbe6 #dddddd #e5d8d1 #ecd3c5 #f1ccb9 #f5c4ad #f7bba0',
    '#f7b194 #f7a687 #f49a7b #f18d6f #ec7f63 #e57058 #de604d #d55042 #cb3e38 #c0282f #b40426',
  ),
  pink: hexTable(PINK_HEX),
  nipy_spectral: evenly(
    '#000000 #770088 #880099 #0000aa #0000dd #0077dd #0099dd #00aaaa #00aa88 #009900 #00bb00',
    '#00dd00 #00ff00 #bbff00 #eeee00 #ffcc00 #ff9900 #ff0000 #dd0000 #cc0000 #cccccc',
  ),

  bone: segments({
    red: [[0, 0, 0], [0.746032, 0.652778, 0.652778], [1, 1, 1]],
    green: [[0, 0, 0], [0.365079, 0.319444, 0.319444], [0.746032, 0.777778, 0.777778], [1, 1, 1]],
    blue: [[0, 0, 0], [0.365079, 0.444444, 0.444444], [1, 1, 1]],
  }),
  copper: segments({
    red: [[0, 0, 0], [0.809524, 1, 1], [1, 1, 1]],
    green: [[0, 0, 0], [1, 0.7812, 0.7812]],
    blue: [[0, 0, 0], [1, 0.4975, 0.4975]],
  }),
  hot: segments({
    red: [[0, 0.0416, 0.0416], [0.365079, 1, 1], [1, 1, 1]],
    green: [[0, 0, 0], [0.365079, 0, 0], [0.746032, 1, 1], [1, 1, 1]],
    blue: [[0, 0, 0], [0.746032, 0, 0], [1, 1, 1]],
  }),
  hsv: segments({
    red: [
      [0, 1, 1], [0.15873, 1, 1], [0.174603, 0.96875, 0.96875], [0.333333, 0.03125, 0.03125], [0.349206, 0, 0],
      [0.666667, 0, 0], [0.68254, 0.03125, 0.03125], [0.84127, 0.96875, 0.96875], [0.857143, 1, 1], [1, 1, 1],
    ],
    green: [
      [0, 0, 0], [0.15873, 0.9375, 0.9375], [0.174603, 1, 1], [0.507937, 1, 1], [0.666667, 0.0625, 0.0625],
      [0.68254, 0, 0], [1, 0, 0],
    ],
    blue: [
      [0, 0, 0], [0.333333, 0, 0], [0.349206, 0.0625, 0.0625], [0.507937, 1, 1], [0.84127, 1, 1],
      [0.857143, 0.9375, 0.9375], [1, 0.09375, 0.09375],
    ],
  }),
  jet: segments({
    red: [[0, 0, 0], [0.35, 0, 0], [0.66, 1, 1], [0.89, 1, 1], [1, 0.5, 0.5]],
    green: [[0, 0, 0], [0.125, 0, 0], [0.375, 1, 1], [0.64, 1, 1], [0.91, 0, 0], [1, 0, 0]],
    blue: [[0, 0.5, 0.5], [0.11, 1, 1], [0.34, 1, 1], [0.65, 0, 0], [1, 0, 0]],
  }),
  gist_stern: segments({
    red: [[0, 0, 0], [0.0547, 1, 1], [0.25, 0.027, 0.25], [1, 1, 1]],
    green: [[0, 0, 0], [1, 1, 1]],
    blue: [[0, 0, 0], [0.5, 1, 1], [0.735, 0, 0], [1, 1, 1]],
  }),
  terrain: positioned([
    [0, [0.2, 0.2, 0.6]],
    [0.15, [0, 0.6, 1]],
    [0.25, [0, 0.8, 0.4]],
    [0.5, [1, 1, 0.6]],
    [0.75, [0.5, 0.36, 0.33]],
    [1, [1, 1, 1]],
  ]),
  gist_rainbow: positioned([
    [0, [1, 0, 0.16]],
    [0.03, [1, 0, 0]],
    [0.215, [1, 1, 0]],
    [0.4, [0, 1, 0]],
    [0.586, [0, 1, 1]],
    [0.77, [0, 0, 1]],
    [0.954, [1, 0, 1]],
    [1, [1, 0, 0.75]],
  ]),

  // matplotlib's function-defined maps (_cm.py gnuplot functions `_g*` and friends).
  gist_gray: segments({ red: (x) => x, green: (x) => x, blue: (x) => x }),
  gist_yarg: segments({ red: (x) => 1 - x, green: (x) => 1 - x, blue: (x) => 1 - x }),
  gist_heat: segments({ red: (x) => 1.5 * x, green: (x) => 2 * x - 1, blue: (x) => 4 * x - 3 }),
  afmhot: segments({ red: (x) => 2 * x, green: (x) => 2 * x - 0.5, blue: (x) => 2 * x - 1 }),
  gnuplot: segments({ red: Math.sqrt, green: (x) => x ** 3, blue: (x) => Math.sin(x * 2 * Math.PI) }),
  gnuplot2: segments({
    red: (x) => x / 0.32 - 0.78125,
    green: (x) => 2 * x - 0.84,
    blue: (x) => (x < 0.25 ? 4 * x : x < 0.92 ? -2 * x + 1.84 : x / 0.08 - 11.5),
  }),
  ocean: segments({ red: (x) => 3 * x - 2, green: (x) => Math.abs((3 * x - 1) / 2), blue: (x) => x }),
  rainbow: segments({
    red: (x) => Math.abs(2 * x - 0.5),
    green: (x) => Math.sin(x * Math.PI),
    blue: (x) => Math.cos((x * Math.PI) / 2),
  }),
  cubehelix: segments({ red: cubehelix(-0.14861, 1.78277), green: cubehelix(-0.29227, -0.90649), blue: cubehelix(1.97294, 0) }),
  flag: segments({
    red: (x) => 0.75 * Math.sin((x * 31.5 + 0.25) * Math.PI) + 0.5,
    green: (x) => Math.sin(x * 31.5 * Math.PI),
    blue: (x) => 0.75 * Math.sin((x * 31.5 - 0.25) * Math.PI) + 0.5,
  }),
  prism: segments({
    red: (x) => 0.75 * Math.sin((x * 20.9 + 0.25) * Math.PI) + 0.67,
    green: (x) => 0.75 * Math.sin((x * 20.9 - 0.25) * Math.PI) + 0.33,
    blue: (x) => -1.1 * Math.sin(x * 20.9 * Math.PI),
  }),
};

/** matplotlib's registered aliases (matplotlib/cm.py). */
const ALIASES: Record<string, string> = { grey: 'gray', gist_grey: 'gist_gray', gist_yerg: 'gist_yarg', Grays: 'Greys' };

/** Every name, as matplotlib registers them: each map, its aliases, and each one reversed with `_r`. */
const NAMES = [...Object.keys(DEFINITIONS), ...Object.keys(ALIASES)].flatMap((name) => [name, `${name}_r`]).sort();
const NAMES_BY_LOWER_CASE = new Map(NAMES.map((name) => [name.toLowerCase(), name]));
const resolved = new Map<string, Colormap>();

/** The colormap of that name, case-insensitively (`Viridis`, `greys_r`), or undefined when there is none. */
export function findColormap(name: string): Colormap | undefined {
  const canonical = NAMES_BY_LOWER_CASE.get(name.toLowerCase());
  if (!canonical) return undefined;
  let colormap = resolved.get(canonical);
  if (!colormap) {
    const reversed = canonical.endsWith('_r');
    const base = reversed ? canonical.slice(0, -2) : canonical;
    const colors = colorsOf(DEFINITIONS[ALIASES[base] ?? base]());
    colormap = { name: canonical, colors: reversed ? colors.reverse() : colors };
    resolved.set(canonical, colormap);
  }
  return colormap;
}

/** `count` colours sampled evenly from a named colormap, e.g. for a legend. */
export function paletteColors(name: string, count = 256): Rgba[] {
  const colormap = findColormap(name);
  if (!colormap) throw new BadParameterError(`Unknown colormap "${name}"`);
  return Array.from({ length: count }, (_, i) => samplePalette(colormap.colors, count === 1 ? 0 : i / (count - 1)));
}

/** The colormaps the style `palette` accepts by name, for `/api/large-image/colormaps`. */
export function listColormaps(): ColormapList {
  return { matplotlib: [...NAMES], simple: ['red', 'green', 'blue'] };
}

/**
 * The colour at `t` of evenly spaced palette colours, linearly interpolated and clamped to the ends
 * (numpy.interp over numpy.linspace(0, 1, n), as large_image's _applyStyle does). Writes into `out` if given.
 */
export function samplePalette(colors: readonly Rgba[], t: number, out: Rgba = [0, 0, 0, 0]): Rgba {
  const last = colors.length - 1;
  const position = Math.min(Math.max(t, 0), 1) * last;
  const index = Math.min(Math.floor(position), Math.max(last - 1, 0));
  const fraction = position - index;
  const [low, high] = [colors[index], colors[Math.min(index + 1, last)]];
  for (let c = 0; c < 4; c++) out[c] = low[c] + (high[c] - low[c]) * fraction;
  return out;
}

function colorsOf(definition: readonly string[] | Segments): Rgba[] {
  if (!('red' in definition)) return definition.map((hex) => parseCssColor(hex)!);
  const [red, green, blue] = [definition.red, definition.green, definition.blue].map(lookupTable);
  return red.map((_, i) => [red[i] * 255, green[i] * 255, blue[i] * 255, 255]);
}

/** matplotlib.colors._create_lookup_table(LUT_SIZE, channel), computed the same way so breakpoints land alike. */
function lookupTable(channel: Channel): number[] {
  const clip = (value: number) => Math.min(1, Math.max(0, value));
  const scale = LUT_SIZE - 1;
  // numpy.linspace(0, 1, LUT_SIZE)
  const xs = Array.from({ length: LUT_SIZE }, (_, i) => (i === scale ? 1 : i * (1 / scale)));
  if (typeof channel === 'function') return xs.map((x) => clip(channel(x)));
  const rowXs = channel.map(([x]) => x * scale);
  return xs.map((x, i) => {
    if (i === 0) return clip(channel[0][2]);
    if (i === scale) return clip(channel[channel.length - 1][1]);
    // numpy.searchsorted(side='left'): the first row at or right of x, so a breakpoint takes its left value.
    const at = scale * x;
    const right = rowXs.findIndex((rowX) => rowX >= at);
    const distance = (at - rowXs[right - 1]) / (rowXs[right] - rowXs[right - 1]);
    return clip(distance * (channel[right][1] - channel[right - 1][2]) + channel[right - 1][2]);
  });
}
