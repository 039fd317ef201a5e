import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodyEntryHash } from '../../server/modules/field/evidence/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { deviceMarker, fakeMp4, photoWithGps, plainPng, pngBomb } from './media-fixtures.ts';
import {
  call,
  dispatchWorld,
  exportEvidence,
  offset,
  openIncident,
  outcome,
  person,
  pilsen,
  responder,
  sendOffer,
  uploadEvidence,
} from './support.ts';
import type { DispatchWorld, Person } from './support.ts';
import { readZip } from './zip-reader.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Manifest {
  incidentId: string;
  files: {
    evidenceId: string;
    original: { path: string; sha256: string; sizeBytes: number };
    shared: { path: string; sha256: string } | null;
  }[];
  custodyLog: {
    id: string;
    evidenceId: string;
    action: string;
    actorMemberId: string | null;
    sha256: string;
    detail: string;
    createdAt: number;
    previousHash: string | null;
    entryHash: string;
  }[];
}

describeEachDatabase('evidence: uploads, custody, shared copies and the export bundle', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  let observer: Person;
  let offerId: string;
  let incidentId: string;
  let mediaRoot: string;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_MEDIA_PHOTO_MAX_BYTES: String(200_000),
      AMPARO_MEDIA_VIDEO_MAX_BYTES: String(300_000),
    });
    mediaRoot = path.join(testApp.context.config.dataDirectory, 'media');
    world = await dispatchWorld(testApp);
    observer = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    incidentId = await openIncident(testApp, world.dispatcher, pilsen);
    offerId = await sendOffer(testApp, world, incidentId, observer, { accept: true });
  });
  afterAll(() => testApp.close());

  const filesOnDisk = () =>
    fs.existsSync(mediaRoot)
      ? fs.readdirSync(mediaRoot, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.'))
      : [];

  describe('a good photo and a video', () => {
    let photo: Buffer;
    let photoId: string;
    let videoId: string;
    const video = fakeMp4(50_000);

    beforeAll(async () => {
      photo = await photoWithGps();
      const uploaded = await uploadEvidence(testApp, observer, offerId, photo);
      expect(uploaded.statusCode).toBe(201);
      photoId = uploaded.json<{ evidence: { id: string } }>().evidence.id;
      const movie = await uploadEvidence(testApp, observer, offerId, video, {
        fileName: 'clip.mp4',
        contentType: 'image/jpeg',
      });
      expect(movie.statusCode).toBe(201);
      videoId = movie.json<{ evidence: { id: string } }>().evidence.id;
    });

    it('hashes the original on receipt and stores it encrypted', async () => {
      const list = await call(testApp, 'GET', `/api/incidents/${incidentId}/evidence`, world.dispatcher);
      const items = list.json<{
        evidence: { id: string; sha256: string; kind: string; mediaType: string; hasSharedCopy: boolean }[];
      }>().evidence;
      expect(items.find((item) => item.id === photoId)).toMatchObject({
        sha256: sha256(photo),
        kind: 'photo',
        mediaType: 'image/jpeg',
        hasSharedCopy: true,
      });
      // The client claimed image/jpeg; the bytes say MP4.
      expect(items.find((item) => item.id === videoId)).toMatchObject({
        sha256: sha256(video),
        kind: 'video',
        mediaType: 'video/mp4',
        hasSharedCopy: true,
      });
      const stored = fs.readFileSync(path.join(mediaRoot, world.network.id, `${photoId}.original.amp`));
      expect(stored.subarray(0, 4).toString()).toBe('AMPM');
      expect(stored.includes(deviceMarker)).toBe(false);
      expect(stored.includes(photo.subarray(0, 64))).toBe(false);
      const custody = await testApp.context.database.db
        .selectFrom('evidence_custody_events')
        .select(['action', 'actor_member_id', 'sha256'])
        .where('evidence_id', '=', photoId)
        .orderBy('created_at')
        .execute();
      expect(custody.map((entry) => entry.action)).toEqual(['received', 'sanitized']);
      expect(custody[0]).toMatchObject({ actor_member_id: observer.id, sha256: sha256(photo) });
    });

    it('serves a shared copy without GPS or device metadata to staff, audited, and never to responders', async () => {
      const shared = await call(testApp, 'GET', `/api/evidence/${photoId}/shared`, world.coordinator);
      expect(shared.statusCode).toBe(200);
      const metadata = await sharp(shared.rawPayload).metadata();
      expect(metadata.format).toBe('jpeg');
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(shared.rawPayload.includes(deviceMarker)).toBe(false);
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const reads = await testApp.context.database.db
        .selectFrom('audit_log')
        .select('object_id')
        .where('action', '=', 'evidence.sharedCopyRead')
        .where('object_id', '=', photoId)
        .execute();
      expect(reads).toHaveLength(1);
      expect(outcome(await call(testApp, 'GET', `/api/evidence/${photoId}/shared`, observer))).toEqual([
        403,
        'FORBIDDEN',
      ]);
      expect(outcome(await call(testApp, 'GET', `/api/incidents/${incidentId}/evidence`, observer))).toEqual([
        403,
        'FORBIDDEN',
      ]);
      // This video carries no metadata boxes, so its shared copy has the same bytes.
      const movie = await call(testApp, 'GET', `/api/evidence/${videoId}/shared`, world.dispatcher);
      expect(movie.statusCode).toBe(200);
      expect(movie.headers['content-type']).toBe('video/mp4');
      expect(movie.rawPayload.equals(video)).toBe(true);
    });

    it('answers EVIDENCE_NO_SHARED_COPY for a video received before videos had shared copies', async () => {
      const db = testApp.context.database.db;
      const row = await db
        .selectFrom('evidence_items')
        .select(['shared_media_type', 'shared_size_bytes', 'shared_sha256'])
        .where('id', '=', videoId)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('evidence_items')
        .set({ shared_media_type: null, shared_size_bytes: null, shared_sha256: null })
        .where('id', '=', videoId)
        .execute();
      try {
        expect(
          outcome(await call(testApp, 'GET', `/api/evidence/${videoId}/shared`, world.dispatcher)),
        ).toEqual([404, 'EVIDENCE_NO_SHARED_COPY']);
      } finally {
        await db.updateTable('evidence_items').set(row).where('id', '=', videoId).execute();
      }
    });

    it('exports a bundle that verifies: hashes, untouched originals, clean copies, custody chain', async () => {
      const advocate = await person(testApp.context, world.network.id, [{ role: 'advocate' }], {
        withTotp: true,
      });
      expect(
        outcome(await call(testApp, 'POST', `/api/incidents/${incidentId}/evidence-exports`, advocate)),
      ).toEqual([403, 'STEP_UP_REQUIRED']);
      expect(
        outcome(
          await call(testApp, 'POST', `/api/incidents/${incidentId}/evidence-exports`, world.dispatcher),
        ),
      ).toEqual([403, 'FORBIDDEN']);
      const steppedUp = await person(testApp.context, world.network.id, [{ role: 'advocate' }], {
        withTotp: true,
        stepUp: true,
      });
      // world.coordinator (stepped up) is the second person.
      const exported = await exportEvidence(testApp, incidentId, steppedUp, world.coordinator);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('application/zip');
      const zip = await readZip(exported.rawPayload);
      const manifest = JSON.parse(zip.get('manifest.json')!.toString()) as Manifest;
      expect(manifest.incidentId).toBe(incidentId);
      expect(manifest.files).toHaveLength(2);

      for (const file of manifest.files) {
        expect(sha256(zip.get(file.original.path)!)).toBe(file.original.sha256);
        if (file.shared) expect(sha256(zip.get(file.shared.path)!)).toBe(file.shared.sha256);
      }
      const photoFile = manifest.files.find((file) => file.evidenceId === photoId)!;
      expect(zip.get(photoFile.original.path)!.equals(photo)).toBe(true);
      expect((await sharp(zip.get(photoFile.shared!.path)).metadata()).exif).toBeUndefined();
      expect(zip.get(photoFile.shared!.path)!.includes(deviceMarker)).toBe(false);

      const videoFile = manifest.files.find((file) => file.evidenceId === videoId)!;
      expect(zip.get(videoFile.original.path)!.equals(video)).toBe(true);
      expect(videoFile.shared?.path).toMatch(/^shared\/.*\.mp4$/);

      const sums = zip.get('SHA256SUMS')!.toString().trim().split('\n');
      expect(sums).toHaveLength(4);
      for (const line of sums) {
        const [hash, name] = line.split('  ');
        expect(sha256(zip.get(name!)!)).toBe(hash);
      }

      // The custody log: every entry's hash recomputes and links to the one before, per item.
      const heads = new Map<string, string | null>();
      for (const entry of manifest.custodyLog) {
        expect(entry.previousHash).toBe(heads.get(entry.evidenceId) ?? null);
        expect(custodyEntryHash({ ...entry, previousHash: entry.previousHash })).toBe(entry.entryHash);
        heads.set(entry.evidenceId, entry.entryHash);
      }
      const photoActions = manifest.custodyLog
        .filter((entry) => entry.evidenceId === photoId)
        .map((entry) => entry.action);
      expect(photoActions).toEqual(['received', 'sanitized', 'viewed', 'exported']);
      const exportedEntry = manifest.custodyLog.find((entry) => entry.action === 'exported');
      expect(exportedEntry?.actorMemberId).toBe(steppedUp.id);

      const audit = await testApp.context.database.db
        .selectFrom('audit_log')
        .select(['actor_member_id', 'metadata'])
        .where('action', '=', 'evidence.exported')
        .where('object_id', '=', incidentId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_member_id).toBe(steppedUp.id);
      expect(JSON.parse(audit[0]!.metadata)).toMatchObject({ approvedBy: world.coordinator.id });
      expect((JSON.parse(zip.get('manifest.json')!.toString()) as { approvedBy: string }).approvedBy).toBe(
        world.coordinator.id,
      );
    });

    it('refuses to serve or export a stored file that was tampered with', async () => {
      const file = path.join(mediaRoot, world.network.id, `${photoId}.shared.amp`);
      const original = fs.readFileSync(file);
      const tampered = Buffer.from(original);
      tampered[tampered.length - 40] = (tampered[tampered.length - 40]! + 1) % 256;
      fs.writeFileSync(file, tampered);
      try {
        expect(
          outcome(await call(testApp, 'GET', `/api/evidence/${photoId}/shared`, world.dispatcher)),
        ).toEqual([500, 'EVIDENCE_INTEGRITY_FAILED']);
        const admin = await person(testApp.context, world.network.id, [{ role: 'admin' }], {
          withTotp: true,
          stepUp: true,
        });
        expect(outcome(await exportEvidence(testApp, incidentId, admin, world.coordinator))).toEqual([
          500,
          'EVIDENCE_INTEGRITY_FAILED',
        ]);
      } finally {
        fs.writeFileSync(file, original);
      }
    });
  });

  describe('bad uploads', () => {
    const rows = () =>
      testApp.context.database.db
        .selectFrom('evidence_items')
        .select('id')
        .where('offer_id', '=', offerId)
        .execute();

    it('answers each with a clear 4xx and keeps nothing', async () => {
      const before = (await rows()).length;
      const filesBefore = filesOnDisk().length;
      const photo = await photoWithGps();
      const cases: [string, Buffer, [number, string]][] = [
        [
          'a photo over the size limit',
          Buffer.concat([photo, Buffer.alloc(250_000, 1)]),
          [413, 'MEDIA_TOO_LARGE'],
        ],
        ['a video over the size limit', fakeMp4(400_000), [413, 'MEDIA_TOO_LARGE']],
        ['a decompression bomb (50,000 × 50,000 PNG)', pngBomb(), [413, 'MEDIA_TOO_LARGE']],
        [
          'a GIF',
          Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'),
          [415, 'MEDIA_TYPE_UNSUPPORTED'],
        ],
        [
          'a script named photo.jpg',
          Buffer.from('<script>alert(1)</script>'),
          [415, 'MEDIA_TYPE_UNSUPPORTED'],
        ],
        ['an empty file', Buffer.alloc(0), [415, 'MEDIA_TYPE_UNSUPPORTED']],
        [
          'a HEIC photo',
          Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]),
          [415, 'MEDIA_TYPE_UNSUPPORTED'],
        ],
        [
          'a JPEG header on garbage',
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 0x41)]),
          [400, 'MEDIA_INVALID'],
        ],
        ['a truncated PNG', (await plainPng()).subarray(0, 60), [400, 'MEDIA_INVALID']],
      ];
      for (const [what, bytes, expected] of cases) {
        const response = await uploadEvidence(testApp, observer, offerId, bytes);
        expect(outcome(response), what).toEqual(expected);
      }
      expect(
        outcome(
          await call(testApp, 'POST', `/api/offers/${offerId}/evidence`, observer, { file: 'aGVsbG8=' }),
        ),
      ).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const empty = await testApp.app.inject({
        method: 'POST',
        url: `/api/offers/${offerId}/evidence`,
        headers: { ...observer.session.headers, 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n',
      });
      expect(outcome(empty)).toEqual([400, 'MEDIA_INVALID']);
      const garbled = await testApp.app.inject({
        method: 'POST',
        url: `/api/offers/${offerId}/evidence`,
        headers: { ...observer.session.headers, 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      });
      expect(garbled.statusCode).toBeGreaterThanOrEqual(400);
      expect(garbled.statusCode).toBeLessThan(500);

      expect((await rows()).length).toBe(before);
      expect(filesOnDisk().length).toBe(filesBefore);
      expect(filesOnDisk().some((name) => name.endsWith('.partial'))).toBe(false);
    });

    it('takes a PNG sent as image/jpeg by what its bytes are', async () => {
      const response = await uploadEvidence(testApp, observer, offerId, await plainPng(), {
        contentType: 'image/jpeg',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ evidence: { mediaType: 'image/png', hasSharedCopy: true } });
    });

    it('takes evidence only from the responder of an accepted offer', async () => {
      const stranger = await responder(testApp.context, world.network.id, { location: offset(pilsen, 900) });
      const photo = await photoWithGps();
      expect(outcome(await uploadEvidence(testApp, stranger, offerId, photo))).toEqual([
        404,
        'OFFER_NOT_FOUND',
      ]);
      expect(outcome(await uploadEvidence(testApp, world.dispatcher, offerId, photo))).toEqual([
        403,
        'FORBIDDEN',
      ]);
      const other = await openIncident(testApp, world.dispatcher, offset(pilsen, 30_000));
      const pending = await call(testApp, 'POST', `/api/incidents/${other}/offers`, world.dispatcher, {
        responderIds: [stranger.id],
      });
      const pendingId = pending.json<{ offers: { id: string }[] }>().offers[0]!.id;
      expect(outcome(await uploadEvidence(testApp, stranger, pendingId, photo))).toEqual([
        409,
        'OFFER_TRANSITION_INVALID',
      ]);
    });
  });
});
