/** Decimal notation, as Python's float() reads it for django-large-image (Number() would also take 0x10, 0b1, 0o7). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number `text` (surrounding spaces allowed) writes in decimal notation, else NaN. */
export function decimalNumber(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}
