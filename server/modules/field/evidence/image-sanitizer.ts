import sharp from 'sharp';
import { AppError } from '../../../platform/errors/app-error.ts';

export interface InspectedImage {
  width: number;
  height: number;
}

/** A hostile image must fail fast, not occupy the decoder for minutes. */
const decodeTimeoutSeconds = 20;

/**
 * Reads the image header only and refuses what would take too many pixels to decode (a
 * decompression bomb: a tiny PNG that declares 50,000 × 50,000). Bytes the decoder cannot read,
 * or whose format differs from the sniffed type, are MEDIA_INVALID.
 */
export async function inspectImage(
  bytes: Buffer,
  expectedFormat: string,
  maxPixels: number,
): Promise<InspectedImage> {
  let metadata: sharp.Metadata;
  try {
    // Header only, no pixel limit here: the limit is applied below, so a bomb is named as such.
    metadata = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch {
    throw new AppError('MEDIA_INVALID', 'The image could not be read.');
  }
  const { width, height, format } = metadata;
  if (!width || !height || format !== expectedFormat) {
    throw new AppError('MEDIA_INVALID', 'The image could not be read.');
  }
  if (width * height > maxPixels) {
    throw new AppError('MEDIA_TOO_LARGE', `Images may have at most ${maxPixels} pixels.`, [
      { path: 'file', message: `${width}×${height}` },
    ]);
  }
  return { width, height };
}

/**
 * The shareable copy: pixels decoded and re-encoded in the same format, upright (EXIF orientation
 * applied first), with no metadata at all — no EXIF, GPS, device make or model, XMP, IPTC or ICC
 * profile (sharp drops metadata unless asked to keep it, and nothing here asks).
 */
export async function sanitizeImage(bytes: Buffer, format: string, maxPixels: number): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .timeout({ seconds: decodeTimeoutSeconds })
      .rotate();
    if (format === 'png') return await image.png({ compressionLevel: 9 }).toBuffer();
    if (format === 'webp') return await image.webp({ quality: 90 }).toBuffer();
    return await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
  } catch {
    throw new AppError('MEDIA_INVALID', 'The image could not be decoded.');
  }
}
