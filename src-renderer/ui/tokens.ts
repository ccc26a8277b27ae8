/**
 * Reading design tokens (ui/tokens.css) where a value must be a concrete colour: chart libraries
 * that write SVG attributes, and the caret colour other clients receive. The palettes live only in
 * the stylesheet; this reads them.
 */

const cache = new Map<string, readonly string[]>();

function read(name: string): string {
  return typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** A token's value, e.g. tokenValue('--chart-grid') → '#e3e6ea'; without the stylesheet, a var() reference. */
export function tokenValue(name: string): string {
  return read(name) || `var(${name})`;
}

/**
 * A numbered palette: '--series-color-' → the values of --series-color-1, -2, … as far as they go.
 * Without the stylesheet (unit tests) a single var() reference, so callers always get a colour.
 */
export function palette(prefix: string): readonly string[] {
  const cached = cache.get(prefix);
  if (cached) {
    return cached;
  }
  const colors: string[] = [];
  for (let i = 1; i <= 64; i++) {
    const value = read(`${prefix}${i}`);
    if (!value) {
      break;
    }
    colors.push(value);
  }
  if (colors.length === 0) {
    return [`var(${prefix}1)`];
  }
  cache.set(prefix, colors);
  return colors;
}

/** The i-th colour of a palette, cycling. */
export function paletteColor(prefix: string, i: number): string {
  const colors = palette(prefix);
  return colors[i % colors.length] ?? `var(${prefix}1)`;
}
