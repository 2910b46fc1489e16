/**
 * Running statistics of one band: min, max, and mean and variance merged block by block with Chan's
 * formula, which stays exact to ~1e-12 relative where sum and sum of squares would lose digits.
 */
export class BandStatistics {
  count = 0;
  min = Infinity;
  max = -Infinity;
  private mean = 0;
  /** Sum of squared differences from the mean. */
  private m2 = 0;

  /** Merges the statistics of a block's values. */
  addBlock(values: Float64Array, length: number): void {
    if (length === 0) return;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < length; i++) {
      const value = values[i];
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const mean = sum / length;
    let m2 = 0;
    for (let i = 0; i < length; i++) m2 += (values[i] - mean) ** 2;
    const count = this.count + length;
    const delta = mean - this.mean;
    this.m2 += m2 + (delta * delta * this.count * length) / count;
    this.mean += (delta * length) / count;
    this.count = count;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
  }

  /** min, max, mean and population standard deviation (numpy's std, GDAL's StdDev); nulls when empty. */
  summary(): { min: number | null; max: number | null; mean: number | null; stdev: number | null } {
    if (this.count === 0) return { min: null, max: null, mean: null, stdev: null };
    return { min: this.min, max: this.max, mean: this.mean, stdev: Math.sqrt(this.m2 / this.count) };
  }
}

/**
 * numpy.histogram with uniform bins over [first, last], reproduced exactly: edges from numpy.linspace,
 * bin index from (value - first) * bins / (last - first) corrected against the edges, the last bin closed.
 */
export class NumpyHistogram {
  readonly edges: number[];
  readonly counts: number[];
  private readonly norm: number;

  constructor(
    readonly bins: number,
    private readonly first: number,
    private readonly last: number,
  ) {
    if (first === last) {
      this.first = first -= 0.5;
      this.last = last += 0.5;
    }
    const step = (last - first) / bins;
    this.edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? last : i * step + first));
    this.counts = new Array<number>(bins).fill(0);
    this.norm = bins / (last - first);
  }

  add(values: Float64Array, length: number): void {
    const { first, last, edges, counts, bins, norm } = this;
    for (let i = 0; i < length; i++) {
      const value = values[i];
      if (!(value >= first && value <= last)) continue;
      let index = Math.trunc((value - first) * norm);
      if (index === bins) index--;
      if (value < edges[index]) index--;
      else if (index !== bins - 1 && value >= edges[index + 1]) index++;
      counts[index]++;
    }
  }
}
