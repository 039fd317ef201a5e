import type { EvidenceKind } from './evidence.tables.ts';

export interface SniffedMedia {
  kind: EvidenceKind;
  mediaType: string;
  extension: string;
}

/** Bytes needed to recognise every accepted type. */
export const sniffBytes = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/**
 * The media type from the file's first bytes (magic numbers), never from the client's claim.
 * Photos: JPEG, PNG, WebP. Videos: MP4 (ISO base media, `ftyp` box) and WebM (EBML), whose box
 * trees video-sanitizer.ts walks. Anything else, including HEIC and SVG, is null.
 */
export function sniffMediaType(head: Uint8Array): SniffedMedia | null {
  if (startsWith(head, [0xff, 0xd8, 0xff]))
    return { kind: 'photo', mediaType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'photo', mediaType: 'image/png', extension: 'png' };
  }
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) {
    return { kind: 'photo', mediaType: 'image/webp', extension: 'webp' };
  }
  if (startsWith(head, ascii('ftyp'), 4) && !isHeifBrand(head)) {
    return { kind: 'video', mediaType: 'video/mp4', extension: 'mp4' };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]))
    return { kind: 'video', mediaType: 'video/webm', extension: 'webm' };
  return null;
}

/** HEIC/AVIF images share MP4's container; they are photos we do not take, not videos. */
function isHeifBrand(head: Uint8Array): boolean {
  const brand = String.fromCharCode(...head.subarray(8, 12));
  return ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(brand);
}
