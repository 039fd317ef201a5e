import http from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as FastifyModule from 'fastify';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildOperator } from '../support/operators.ts';
import { buildMatrixFixture, twinOf } from './matrix-fixture.ts';
import type { Caller, MatrixFixture } from './matrix-fixture.ts';
import { routeMatrix } from './route-matrix.ts';
import type { MatrixRequest, RouteRow } from './route-matrix.ts';

/**
 * Every Fastify instance made while this file runs reports its routes here: the app under test is
 * built by server/app.ts, and this is how the test sees every route without a list kept by hand.
 */
const registeredRoutes = vi.hoisted(() => new Set<string>());
vi.mock('fastify', async (importOriginal) => {
  const original = await importOriginal<typeof FastifyModule>();
  const createWithRouteCollector = ((options?: Parameters<typeof original.default>[0]) => {
    const app = original.default(options);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registeredRoutes.add(`${method} ${route.url}`);
    });
    return app;
  }) as typeof original.default;
  return { ...original, default: createWithRouteCollector };
});

const denied = new Set([401, 403, 404]);
const keyOf = (row: Pick<RouteRow, 'method' | 'url'>) => `${row.method} ${row.url}`;

/** GET routes get an automatic HEAD twin; it runs the same handler, so the GET row covers it. */
function routesNeedingRows(): string[] {
  return [...registeredRoutes]
    .filter((key) => !(key.startsWith('HEAD ') && registeredRoutes.has(`GET ${key.slice(5)}`)))
    .sort();
}

function isAllowed(row: RouteRow, caller: Caller): boolean {
  const allow = row.allow ?? [];
  if (caller.name === 'signed-out') return false;
  if (caller.name === 'probationary') return allow === 'any-member';
  if (caller.name === 'other-network') return scopeOf(row) === 'own-network';
  return allow === 'any-member' || allow === 'any-active' || allow.includes(caller.name);
}

function scopeOf(row: RouteRow): 'object' | 'own-network' {
  return row.scope ?? (row.url.includes(':') ? 'object' : 'own-network');
}

function concreteUrl(row: RouteRow, request: MatrixRequest): string {
  const path = row.url.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new Error(`${keyOf(row)}: request() must give the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * A stream never ends: the status line is the answer, then the connection is dropped. No
 * keep-alive agent, so no idle socket holds the server open at close.
 */
function callStream(url: string, method: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      if (status < 400) {
        request.destroy();
        resolve({ status, body: '' });
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describeEachDatabase('authorization matrix', (dialect) => {
  let testApp: TestApp;
  let fixture: MatrixFixture;
  let callers: Caller[];
  let baseUrl = '';
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    ({ fixture, callers } = await buildMatrixFixture(testApp.context));
    if (routeMatrix.some((row) => row.stream)) {
      baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    }
  });
  afterAll(() => testApp?.close());

  async function call(row: RouteRow, original: Caller): Promise<{ status: number; body: string }> {
    const caller = row.freshCaller ? await twinOf(fixture, original) : original;
    const request = row.request ? await row.request(fixture, caller) : {};
    const url = concreteUrl(row, request);
    const headers = caller.session?.headers ?? {};
    if (row.stream) return callStream(`${baseUrl}${url}`, row.method, headers);
    const response = await testApp.app.inject({
      method: row.method,
      url,
      headers,
      ...(request.body ? { payload: request.body } : {}),
    });
    return { status: response.statusCode, body: response.body };
  }

  it('has exactly one row for every registered route', () => {
    const registered = routesNeedingRows();
    expect(registered.length).toBeGreaterThan(10);
    const rows = routeMatrix.map(keyOf);
    const duplicates = rows.filter((key, index) => rows.indexOf(key) !== index);
    expect(duplicates, 'rows listed twice').toEqual([]);
    expect(
      registered.filter((key) => !rows.includes(key)),
      'routes without a row in test/security/route-matrix.ts',
    ).toEqual([]);
    expect(
      rows.filter((key) => !registered.includes(key)),
      'rows in test/security/route-matrix.ts for routes that do not exist',
    ).toEqual([]);
    for (const row of routeMatrix) {
      expect(row.public === true || row.allow !== undefined, `${keyOf(row)} needs public or allow`).toBe(
        true,
      );
    }
  });

  it('denies every caller the matrix does not allow, and lets every allowed caller through', async () => {
    const problems: string[] = [];
    for (const row of routeMatrix.filter((candidate) => !candidate.public)) {
      for (const caller of callers) {
        const { status, body } = await call(row, caller);
        const shouldAllow = isAllowed(row, caller);
        if (status >= 500) problems.push(`${keyOf(row)} as ${caller.name}: server error ${status}`);
        else if (caller.name === 'signed-out' && status !== 401) {
          problems.push(`${keyOf(row)} signed out: expected 401, got ${status}`);
        } else if (shouldAllow && denied.has(status)) {
          problems.push(
            `${keyOf(row)} as ${caller.name}: expected allow, got ${status} ${body.slice(0, 120)}`,
          );
        } else if (!shouldAllow && !denied.has(status)) {
          problems.push(`${keyOf(row)} as ${caller.name}: UNEXPECTED ALLOW (${status})`);
        }
        if (caller.name === 'other-network' && !denied.has(status)) {
          const leaked = [...fixture.idsOfNetworkA].filter((id) => body.includes(id));
          if (leaked.length > 0)
            problems.push(`${keyOf(row)} as other-network: response names network A ids`);
        }
      }
    }
    expect(problems).toEqual([]);
    // ~110 routes × 12 callers through the whole stack: seconds on an idle machine, more on a busy one.
  }, 180_000);

  it("refuses a deployment operator's session on every members' route (403), and lets it call its own", async () => {
    const operator = await buildOperator(testApp);
    const admin = callers.find((caller) => caller.name === 'admin')!;
    const problems: string[] = [];
    for (const row of routeMatrix.filter((candidate) => !candidate.public)) {
      const isOperatorRoute = row.url.startsWith('/api/operator/');
      if (isOperatorRoute && row.url.includes('sign-out')) continue;
      const request = row.request ? await row.request(fixture, admin) : {};
      const url = concreteUrl(row, request);
      // The operator's step-up: a fresh authenticator code of their own.
      if (isOperatorRoute && request.body && 'code' in request.body) request.body.code = operator.nextCode();
      const status = row.stream
        ? (await callStream(`${baseUrl}${url}`, row.method, operator.headers)).status
        : (
            await testApp.app.inject({
              method: row.method,
              url,
              headers: operator.headers,
              ...(request.body ? { payload: request.body } : {}),
            })
          ).statusCode;
      if (isOperatorRoute ? denied.has(status) : status !== 403) {
        problems.push(`${keyOf(row)} as the operator: ${status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('would notice a leak: a network-B admin reading a network-A member is denied', async () => {
    // Guards the guard: the matrix's outsider really is a signed-in admin who succeeds at home.
    const outsider = callers.find((caller) => caller.name === 'other-network')!;
    const home = await testApp.app.inject({
      method: 'GET',
      url: '/api/members',
      headers: outsider.session!.headers,
    });
    expect(home.statusCode).toBe(200);
    const away = await testApp.app.inject({
      method: 'GET',
      url: `/api/members/${fixture.targetA.id}`,
      headers: outsider.session!.headers,
    });
    expect(away.statusCode).toBe(404);
  });
});
