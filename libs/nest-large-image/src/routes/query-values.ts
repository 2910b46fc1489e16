import { decimalNumber } from '../decimal-number';
import { BadParameterError } from '../errors/large-image.errors';

type Query = Record<string, string | undefined>;

/** django-large-image's null-like values: a parameter given as one of these counts as absent. */
const NULLY = new Set(['', 'undefined', 'none', 'null']);

function present(query: Query, name: string): string | undefined {
  const value = query[name];
  return value === undefined || NULLY.has(value.trim().toLowerCase()) ? undefined : value.trim();
}

/** A finite number, or undefined when absent; a 400 naming the parameter when malformed or missing but required. */
export function numberQuery(query: Query, name: string, required: true): number;
export function numberQuery(query: Query, name: string, required?: false): number | undefined;
export function numberQuery(query: Query, name: string, required = false): number | undefined {
  const text = present(query, name);
  if (text === undefined) {
    if (required) throw new BadParameterError(`Query parameter '${name}' is required`);
    return undefined;
  }
  const value = decimalNumber(text);
  if (!Number.isFinite(value)) throw new BadParameterError(`Query parameter '${name}' must be a number, got '${text}'`);
  return value;
}

/** An integer within [min, max], or `fallback` when absent. */
export function integerQuery(query: Query, name: string, range: { min: number; max: number }, fallback?: number): number | undefined {
  const value = numberQuery(query, name);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new BadParameterError(`Query parameter '${name}' must be an integer from ${range.min} to ${range.max}, got '${query[name]}'`);
  }
  return value;
}

/** true/false (also 1/0, yes/no, on/off), or `fallback` when absent. */
export function booleanQuery(query: Query, name: string, fallback: boolean): boolean {
  const text = present(query, name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new BadParameterError(`Query parameter '${name}' must be true or false, got '${query[name]}'`);
}

/** A string parameter, or undefined when absent or null-like. */
export function textQuery(query: Query, name: string): string | undefined {
  return present(query, name);
}

/** The largest output edge any image route accepts: beyond it libvips and browsers fail anyway. */
export const MAX_OUTPUT_EDGE = 65535;
