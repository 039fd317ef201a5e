/**
 * Makes server/platform/web/assets/favicon.ico from the app icon (web/public/icons/icon-512.png):
 * 16, 32 and 48 pixel images stored as PNG inside one ICO file (every browser since 2007 reads
 * them). Run by hand when the icon changes; the result is committed.
 *
 *   node --import tsx scripts/make-favicon.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const source = path.join(repositoryRoot, 'web', 'public', 'icons', 'icon-512.png');
const target = path.join(repositoryRoot, 'server', 'platform', 'web', 'assets', 'favicon.ico');
const sizes = [16, 32, 48];

const images = await Promise.all(
  sizes.map((size) => sharp(source).resize(size, size).png({ compressionLevel: 9 }).toBuffer()),
);

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images.
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(images.length, 4);
let offset = header.length + 16 * images.length;
const entries = images.map((image, index) => {
  const size = sizes[index]!;
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size, 0); // width (0 would mean 256)
  entry.writeUInt8(size, 1); // height
  entry.writeUInt8(0, 2); // no palette
  entry.writeUInt8(0, 3); // reserved
  entry.writeUInt16LE(1, 4); // colour planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(image.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += image.length;
  return entry;
});

fs.writeFileSync(target, Buffer.concat([header, ...entries, ...images]));
console.log(`${path.relative(repositoryRoot, target)}: ${offset} bytes, ${sizes.join(', ')} px`);
