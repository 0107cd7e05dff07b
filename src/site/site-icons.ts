import type sharp from 'sharp';
import { lazyPackage } from '../lazy-package.js';

// libvips is loaded with the first image, not at start.
const imageLibrary = lazyPackage<typeof sharp>('sharp');

/** The sizes browsers and phones ask for: the favicon, Apple's touch icon, the manifest's two. */
export const ICON_SIZES = { favicon: 32, apple: 180, small: 192, large: 512 } as const;
export type IconName = keyof typeof ICON_SIZES;

/** A logo path on this site (`/media/<hash>/<file>`), as its media storage key; null for anything else. */
export function logoKey(logoUrl: string): string | null {
  const m = /^\/media\/([a-f0-9]{32})\/(\d{2,4}\.(?:webp|jpg))$/.exec(logoUrl);
  return m ? `${m[1]!}/${m[2]!}` : null;
}

/**
 * A square PNG icon: the outlet's logo centred on white when there is one, the default mark (an SVG)
 * otherwise. A logo that cannot be decoded falls back to the mark rather than breaking the favicon.
 */
export async function renderIcon(opts: { name: IconName; logo: Buffer | null; defaultMark: Buffer }): Promise<Buffer> {
  const size = ICON_SIZES[opts.name];
  if (opts.logo) {
    try {
      const inner = Math.round(size * 0.86);
      const logo = await imageLibrary()(opts.logo, { limitInputPixels: 40_000_000 })
        .resize(inner, inner, { fit: 'contain', background: '#ffffff' })
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer();
      return await imageLibrary()({ create: { width: size, height: size, channels: 3, background: '#ffffff' } })
        .composite([{ input: logo, gravity: 'centre' }])
        .png()
        .toBuffer();
    } catch {
      // Not an image sharp can read: the default mark below.
    }
  }
  return imageLibrary()(opts.defaultMark, { density: Math.ceil((72 * size) / 32) })
    .resize(size, size)
    .png()
    .toBuffer();
}

/** An .ico file holding one PNG image (Windows Vista and every browser since read PNG entries). */
export function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}
