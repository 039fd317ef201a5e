import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../../../../test/support/factories.ts';
import type { MemberOptions } from '../../../../test/support/factories.ts';
import {
  badPlacesCsv,
  crossingPoint,
  pilsenPlacesCsv,
  pilsenStreetsCsv,
  pilsenStreetsGeoJson,
} from '../../../../test/fixtures/pilsen-gazetteer.ts';
import type { GazetteerImportPreview, GazetteerView, LocateAnswer } from './place.contract.ts';

type Caller = { session: { headers: Record<string, string> } };
interface ErrorBody {
  error?: { code: string };
}

describeEachDatabase('gazetteer API', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function member(networkId: string, options: Omit<MemberOptions, 'networkId'>) {
    const built = await buildMember(testApp.context, { networkId, ...options });
    return { ...built, session: await signIn(testApp.context, built) };
  }

  function call(method: 'GET' | 'POST', url: string, who: Caller, payload?: object) {
    return testApp.app.inject({ method, url, headers: who.session.headers, ...(payload ? { payload } : {}) });
  }

  it('lists each bad row, changes nothing on a bad file, and replaces the list on a good one', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const good = await call('POST', '/api/gazetteer/places', admin, { format: 'csv', text: pilsenPlacesCsv });
    expect(good.json()).toEqual({ imported: 4 });

    const preview = await call('POST', '/api/gazetteer/places/preview', admin, {
      format: 'csv',
      text: badPlacesCsv,
    });
    expect(preview.json<GazetteerImportPreview>()).toEqual({
      validCount: 1,
      invalidCount: 3,
      problemRows: [
        { line: 3, name: '', problems: ['NAME_MISSING'] },
        { line: 4, name: 'Plaza Tenochtitlan', problems: ['KIND_UNKNOWN'] },
        { line: 5, name: 'El Mercado', problems: ['POINT_INVALID'] },
      ],
    });
    const refused = await call('POST', '/api/gazetteer/places', admin, { format: 'csv', text: badPlacesCsv });
    expect([refused.statusCode, refused.json<ErrorBody>().error?.code]).toEqual([
      422,
      'GAZETTEER_IMPORT_HAS_ERRORS',
    ]);
    const unreadable = await call('POST', '/api/gazetteer/streets', admin, {
      format: 'geojson',
      text: '{"type":',
    });
    expect([unreadable.statusCode, unreadable.json<ErrorBody>().error?.code]).toEqual([
      422,
      'GAZETTEER_FILE_MALFORMED',
    ]);
    const headless = await call('POST', '/api/gazetteer/streets', admin, {
      format: 'csv',
      text: 'street\nW 18th',
    });
    expect(headless.json<ErrorBody>().error?.code).toBe('GAZETTEER_HEADER_INVALID');

    const view = (await call('GET', '/api/gazetteer', admin)).json<GazetteerView>();
    expect(view.places.map((place) => place.name)).toEqual([
      '18th Street Pink Line station',
      'Benito Juárez High School',
      'Cook County Courthouse',
      'Home Depot Pershing',
    ]);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'gazetteer.%')
      .where('chain', '=', network.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['gazetteer.placesImported']);
  });

  it('finds intersections typed in English and Spanish in an imported street list (GeoJSON or CSV)', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await member(network.id, { roles: [{ role: 'admin' }], withTotp: true });
    const dispatcher = await member(network.id, { roles: [{ role: 'dispatcher' }], withTotp: true });
    const locate = async (text: string) =>
      (await call('POST', '/api/gazetteer/locate', dispatcher, { text })).json<LocateAnswer>().found;
    expect(await locate('18th & Paulina')).toBeNull();

    const streets = await call('POST', '/api/gazetteer/streets', admin, {
      format: 'geojson',
      text: pilsenStreetsGeoJson,
    });
    expect(streets.json()).toEqual({ imported: 13 });
    const truth = crossingPoint('W 18th St', 'S Paulina St');
    for (const text of [
      '18th & Paulina',
      'Paulina and 18th',
      'la 18 y Paulina',
      'esquina de la 18 con Paulína',
    ]) {
      const found = await locate(text);
      expect(found, text).toMatchObject({ kind: 'intersection', radiusMeters: 40 });
      expect(found!.lat, text).toBeCloseTo(truth.lat, 4);
      expect(found!.lon, text).toBeCloseTo(truth.lon, 4);
    }
    expect((await locate('18th and Blue Island'))?.kind).toBe('intersection');

    await call('POST', '/api/gazetteer/streets', admin, { format: 'csv', text: pilsenStreetsCsv });
    const view = (await call('GET', '/api/gazetteer', admin)).json<GazetteerView>();
    expect(view).toMatchObject({ streetCount: 14, streetNameCount: 13 });
    expect((await locate('Cermak y Wood'))?.label).toBe('W Cermak Rd & S Wood St');

    const forbidden = await call('POST', '/api/gazetteer/streets', dispatcher, {
      format: 'csv',
      text: pilsenStreetsCsv,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
