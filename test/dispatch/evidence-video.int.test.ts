import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrapFileKey } from '../../server/modules/field/evidence/evidence.deps.ts';
import { createMediaStore } from '../../server/modules/field/evidence/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  call,
  dispatchWorld,
  offset,
  openIncident,
  outcome,
  pilsen,
  responder,
  sendOffer,
  uploadEvidence,
} from './support.ts';
import type { DispatchWorld, Person } from './support.ts';
import {
  cameraMarker,
  changedOutsideMetadata,
  gpsMarker,
  phoneMp4,
  recordedAt,
  recorderWebm,
} from './video-fixtures.ts';
import type { BuiltVideo } from './video-fixtures.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface UploadedEvidence {
  id: string;
  sha256: string;
  mediaType: string;
  hasSharedCopy: boolean;
  sharedMediaType: string | null;
  sharedSha256: string | null;
}

describeEachDatabase('evidence: shared copies of videos without location or device metadata', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  let observer: Person;
  let offerId: string;
  let mediaRoot: string;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_MEDIA_VIDEO_MAX_BYTES: String(400_000) });
    mediaRoot = path.join(testApp.context.config.dataDirectory, 'media');
    world = await dispatchWorld(testApp);
    observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    const incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    offerId = await sendOffer(testApp, world, incidentId, observer, { accept: true });
  });
  afterAll(() => testApp.close());

  const filesOnDisk = () =>
    fs.existsSync(mediaRoot) ? fs.readdirSync(mediaRoot, { recursive: true, encoding: 'utf8' }) : [];

  /** The stored original, decrypted as the export would read it. */
  async function storedOriginal(evidenceId: string): Promise<Buffer> {
    const row = await testApp.context.database.db
      .selectFrom('evidence_items')
      .select('file_key_enc')
      .where('id', '=', evidenceId)
      .executeTakeFirstOrThrow();
    const key = unwrapFileKey(testApp.context.crypto, row.file_key_enc);
    const chunks: Buffer[] = [];
    const store = createMediaStore(testApp.context.config.dataDirectory);
    for await (const chunk of store.read(world.network.id, evidenceId, 'original', key)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async function uploadAndFetch(video: BuiltVideo, fileName: string) {
    const uploaded = await uploadEvidence(testApp, observer, offerId, video.bytes, { fileName });
    expect(uploaded.statusCode).toBe(201);
    const evidence = uploaded.json<{ evidence: UploadedEvidence }>().evidence;
    const shared = await call(testApp, 'GET', `/api/evidence/${evidence.id}/shared`, world.dispatcher);
    expect(shared.statusCode).toBe(200);
    return { evidence, shared };
  }

  for (const [format, build, mediaType] of [
    ['an MP4 from a phone', () => phoneMp4({ frameBytes: 200_000 }), 'video/mp4'],
    ['a WebM from MediaRecorder', () => recorderWebm(100_000), 'video/webm'],
  ] as const) {
    it(`gives dispatchers ${format} without its place or camera, and keeps the original as sent`, async () => {
      const video = build();
      expect(video.bytes.includes(Buffer.from(gpsMarker))).toBe(true);
      const { evidence, shared } = await uploadAndFetch(video, 'clip.bin');
      expect(evidence).toMatchObject({
        sha256: sha256(video.bytes),
        mediaType,
        hasSharedCopy: true,
        sharedMediaType: mediaType,
      });
      const copy = shared.rawPayload;
      expect(shared.headers['content-type']).toBe(mediaType);
      expect(shared.headers['x-content-sha256']).toBe(sha256(copy));
      expect(evidence.sharedSha256).toBe(sha256(copy));
      expect(copy.length).toBe(video.bytes.length);
      expect(copy.includes(Buffer.from(gpsMarker))).toBe(false);
      expect(copy.includes(Buffer.from(cameraMarker))).toBe(false);
      // Only metadata changed: the frames and every offset into them are byte for byte the same.
      expect(changedOutsideMetadata(video, copy)).toEqual([]);
      // Nor does it say when it was recorded: mvhd's creation and modification times are zero.
      if (mediaType === 'video/mp4') {
        const mvhdTimes = copy.indexOf('mvhd') + 8;
        expect(video.bytes.readUInt32BE(mvhdTimes)).toBe(recordedAt);
        expect([copy.readUInt32BE(mvhdTimes), copy.readUInt32BE(mvhdTimes + 4)]).toEqual([0, 0]);
      }

      const original = await storedOriginal(evidence.id);
      expect(sha256(original)).toBe(sha256(video.bytes));
      expect(original.includes(Buffer.from(gpsMarker))).toBe(true);

      const custody = await testApp.context.database.db
        .selectFrom('evidence_custody_events')
        .select(['action', 'sha256', 'detail'])
        .where('evidence_id', '=', evidence.id)
        .orderBy('created_at')
        .execute();
      expect(custody.map((entry) => entry.action)).toEqual(['received', 'sanitized', 'viewed']);
      expect(custody[1]!.sha256).toBe(sha256(video.bytes));
      expect(JSON.parse(custody[1]!.detail)).toEqual({
        sharedSha256: sha256(copy),
        sharedSizeBytes: video.bytes.length,
        method: 'neutralize-metadata-boxes',
      });
      expect(outcome(await call(testApp, 'GET', `/api/evidence/${evidence.id}/shared`, observer))).toEqual([
        403,
        'FORBIDDEN',
      ]);
    });
  }

  it('refuses a video whose box tree is malformed and keeps nothing', async () => {
    const rows = async () =>
      (
        await testApp.context.database.db
          .selectFrom('evidence_items')
          .select('id')
          .where('offer_id', '=', offerId)
          .execute()
      ).length;
    const before = await rows();
    const filesBefore = filesOnDisk().length;
    const video = phoneMp4();
    const pastParent = Buffer.from(video.bytes);
    const tkhd = video.bytes.indexOf('tkhd') - 4;
    pastParent.writeUInt32BE(pastParent.readUInt32BE(tkhd) + 4096, tkhd);
    for (const bytes of [pastParent, video.bytes.subarray(0, video.bytes.length - 100)]) {
      expect(outcome(await uploadEvidence(testApp, observer, offerId, bytes))).toEqual([
        400,
        'MEDIA_INVALID',
      ]);
    }
    expect(await rows()).toBe(before);
    expect(filesOnDisk().length).toBe(filesBefore);
  });
});
