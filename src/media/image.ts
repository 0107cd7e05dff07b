/** Responsive image variants: what widths we make and how they are named on disk and in URLs. */

export const VARIANT_WIDTHS = [480, 800, 1200, 1600] as const;
export const VARIANT_FORMATS = ['webp', 'jpeg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** Widths to make for an original of `width` pixels: never upscale, always at least one. */
export function variantWidths(width: number): number[] {
  const ws: number[] = VARIANT_WIDTHS.filter((w) => w <= width);
  if (ws.length === 0 || (ws[ws.length - 1]! < width && width < 1600)) ws.push(Math.min(width, 1600));
  return [...new Set(ws)].sort((a, b) => a - b);
}

export function variantFileName(width: number, format: VariantFormat): string {
  return `${width}.${format === 'jpeg' ? 'jpg' : format}`;
}

export const MEDIA_HASH_PATTERN = /^[a-f0-9]{32}$/;
