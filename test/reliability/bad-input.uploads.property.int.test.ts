import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fakeMp4, plainPng, pngBomb } from '../dispatch/media-fixtures.ts';
import { call, dispatchWorld, offset, openIncident, pilsen, responder } from '../dispatch/support.ts';
import type { Person } from '../dispatch/support.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { badInputWorld, checkSurface, hostileString, numRunsFor } from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/**
 * Evidence uploads (multipart) from the responder of an accepted offer: random bytes, lying
 * content types, truncated and corrupted images, images declaring huge dimensions, empty files,
 * many parts, oversized fields, hostile filenames and broken envelopes each get a 201 (when the
 * file happens to be acceptable) or a 4xx with a stable code, and a rejected upload leaves no
 * evidence row and no file behind.
 */
const photoMaxBytes = 60_000;
const maxPixels = 1_000_000;

describeEachDatabase('bad input: evidence uploads', (dialect) => {
  let world: BadInputWorld;
  let uploader: Person;
  let offerId: string;
  let mediaRoot: string;
  const samples: Record<'jpeg' | 'png' | 'webp' | 'mp4', Buffer> = {
    jpeg: Buffer.alloc(0),
    png: Buffer.alloc(0),
    webp: Buffer.alloc(0),
    mp4: fakeMp4(2048),
  };
  beforeAll(async () => {
    world = await badInputWorld(dialect, {
      AMPARO_MEDIA_PHOTO_MAX_BYTES: String(photoMaxBytes),
      AMPARO_MEDIA_VIDEO_MAX_BYTES: String(photoMaxBytes),
      // Bombs are refused from the header; a legitimate decode stays well inside the time bound.
      AMPARO_MEDIA_MAX_PIXELS: String(maxPixels),
    });
    const testApp = world.testApp;
    mediaRoot = path.join(testApp.context.config.dataDirectory, 'media');
    const dispatch = await dispatchWorld(testApp, ['en']);
    uploader = await responder(testApp.context, dispatch.network.id, { location: offset(pilsen, 300) });
    const incidentId = await openIncident(testApp, dispatch.dispatcher, pilsen);
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, dispatch.dispatcher, {
      responderIds: [uploader.id],
    });
    offerId = sent.json<{ offers: { id: string }[] }>().offers[0]!.id;
    await call(testApp, 'POST', `/api/offers/${offerId}/accept`, uploader);
    const pixels = () => sharp({ create: { width: 24, height: 16, channels: 3, background: '#c33' } });
    samples.jpeg = await pixels().jpeg().toBuffer();
    samples.png = await plainPng(16, 16);
    samples.webp = await pixels().webp().toBuffer();
  }, 60_000);
  afterAll(() => world.testApp.close());

  const evidenceRows = async (): Promise<number> => {
    const row = await world.testApp.context.database.db
      .selectFrom('evidence_items')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('offer_id', '=', offerId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  const filesOnDisk = (): number =>
    fs.existsSync(mediaRoot)
      ? fs.readdirSync(mediaRoot, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.'))
          .length
      : 0;

  it('never answers with a 5xx, a crash or a hang, and keeps nothing it refused', async () => {
    const content = fileContent(samples);
    const filePart = fc.record({
      name: fc.oneof({ weight: 9, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: hostileString }),
      filename: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('photo.jpg', 'clip.mp4', 'IMG_0001.HEIC') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '',
            '../../../etc/passwd',
            '..\\..\\windows\\win.ini',
            'a"b.jpg',
            'x\r\nContent-Type: text/html',
            'photo.jpg\u0000.exe',
            '.htaccess',
            'CON',
            'x'.repeat(3000),
          ),
        },
        { weight: 1, arbitrary: hostileString },
      ),
      contentType: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            'image/jpeg',
            'image/png',
            'video/mp4',
            'text/html',
            'application/x-msdownload',
            '',
          ),
        },
        { weight: 1, arbitrary: hostileString },
      ),
      body: content,
    });
    const fieldPart = fc.record({
      name: fc.oneof(fc.constantFrom('caption', 'note', 'file'), fc.string({ maxLength: 20 })),
      body: fc.oneof(
        fc.string({ maxLength: 100 }).map((text) => Buffer.from(text)),
        fc.integer({ min: 1025, max: 20_000 }).map((size) => Buffer.alloc(size, 'a')),
      ),
    });
    const parts = fc.oneof(
      { weight: 6, arbitrary: filePart.map((part) => [part]) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.array(fieldPart, { minLength: 1, maxLength: 6 }), filePart, fc.boolean())
          .map(([fields, file, isFileFirst]) => (isFileFirst ? [file, ...fields] : [...fields, file])),
      },
      { weight: 1, arbitrary: fc.array(filePart, { minLength: 2, maxLength: 8 }) },
      { weight: 1, arbitrary: fc.array(fieldPart, { minLength: 0, maxLength: 40 }) },
    );
    const boundary = fc.oneof(
      { weight: 9, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/) },
      // Legal but unusual (RFC 2046 allows these unquoted only partly): parsers must not choke.
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9'()+_,.-]{1,70}$/) },
    );
    const envelope = fc.record({
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant('multipart') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'multipart/form-data',
            'multipart/form-data; boundary=other',
            'multipart/mixed; boundary=',
            'application/octet-stream',
            'image/jpeg',
            'application/json',
            'text/plain',
          ),
        },
        // Printable ASCII only: Node itself refuses other header bytes before any server sees them.
        { weight: 1, arbitrary: fc.stringMatching(/^[ -~]{0,80}$/) },
      ),
      // One body in six is cut short somewhere.
      cutAt: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      ),
      isClosed: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    });
    let expectedRows = await evidenceRows();
    let expectedFiles = filesOnDisk();
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      fc.tuple(parts, boundary, envelope).map(([list, separator, wrapping]) => {
        let payload = multipartBody(separator, list, wrapping.isClosed);
        if (wrapping.cutAt !== null)
          payload = payload.subarray(0, Math.floor(payload.length * wrapping.cutAt));
        const contentType =
          wrapping.contentType === 'multipart'
            ? `multipart/form-data; boundary=${separator}`
            : wrapping.contentType;
        return {
          method: 'POST' as const,
          url: `/api/offers/${offerId}/evidence`,
          headers: { ...uploader.session.headers, 'content-type': contentType },
          payload,
        };
      }),
      async (_request, _response, label) => {
        if (label === '201') {
          expectedRows += 1;
          expectedFiles = filesOnDisk();
        }
        expect(await evidenceRows(), `${label}: evidence rows`).toBe(expectedRows);
        expect(filesOnDisk(), `${label}: media files`).toBe(expectedFiles);
      },
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 MEDIA_INVALID')).toBeGreaterThan(0);
    expect(outcomes.get('413 MEDIA_TOO_LARGE')).toBeGreaterThan(0);
    expect(outcomes.get('415 MEDIA_TYPE_UNSUPPORTED')).toBeGreaterThan(0);
  }, 240_000);
});

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

function multipartBody(boundary: string, parts: Part[], isClosed: boolean): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
      part.body,
    );
    chunks.push(Buffer.from('\r\n'));
  }
  if (isClosed) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A JPEG whose frame header (SOF0/SOF2) declares `side` × `side` pixels; the scan data is unchanged. */
function jpegDeclaring(jpeg: Buffer, side: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let index = 2; index < copy.length - 9; index += 1) {
    if (copy[index] === 0xff && (copy[index + 1] === 0xc0 || copy[index + 1] === 0xc2)) {
      copy.writeUInt16BE(side, index + 5);
      copy.writeUInt16BE(side, index + 7);
      return copy;
    }
  }
  return copy;
}

/** What goes inside the file part. */
function fileContent(samples: Record<'jpeg' | 'png' | 'webp' | 'mp4', Buffer>): fc.Arbitrary<Buffer> {
  const image = fc.constantFrom(samples.jpeg, samples.png, samples.webp);
  const magic = fc.constantFrom(
    samples.jpeg.subarray(0, 3),
    samples.png.subarray(0, 8),
    samples.webp.subarray(0, 12),
    samples.mp4.subarray(0, 12),
    Buffer.from('GIF89a'),
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'),
    Buffer.from([0x00, 0x00, 0x00, 0x18, ...Buffer.from('ftypheic')]),
  );
  return fc.oneof(
    // Acceptable files, so the property reaches the storing path too.
    { weight: 2, arbitrary: fc.constantFrom(samples.jpeg, samples.png, samples.webp, samples.mp4) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(image, fc.double({ min: 0, max: 0.999, noNaN: true }))
        .map(([bytes, share]) => bytes.subarray(0, Math.floor(bytes.length * share))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          image,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
        )
        .map(([bytes, flips]) => {
          const copy = Buffer.from(bytes);
          for (const [at, value] of flips) copy[at % copy.length] = value;
          return copy;
        }),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1_001, max: 60_000 }).map((side) => pngBomb(side)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1_001, max: 65_535 }).map((side) => jpegDeclaring(samples.jpeg, side)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(magic, fc.uint8Array({ maxLength: 1024 }))
        .map(([head, rest]) => Buffer.concat([head, Buffer.from(rest)])),
    },
    // Over the size limit, with a photo's or a video's first bytes.
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(samples.jpeg.subarray(0, 3), samples.mp4.subarray(0, 12)),
          fc.integer({ min: 1, max: 4_000 }),
        )
        .map(([head, extra]) => Buffer.concat([head, Buffer.alloc(photoMaxBytes + extra, 1)])),
    },
  );
}
