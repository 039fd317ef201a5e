import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractViolations, listFiles, repositoryRoot, webImportViolations } from './contracts.ts';

const read = (file: string) => fs.readFileSync(path.join(repositoryRoot, file), 'utf8');

/**
 * Contracts, not copies (docs/adr/0017-contracts-and-web-app-shape.md): each server feature
 * publishes its request schemas, response types and enums in `*.contract.ts`; the members' app
 * imports them as types only, so nothing of the server is bundled and nothing is restated.
 */
describe('contracts shared with the members’ app', () => {
  it('finds the contracts and the app’s files', () => {
    const contracts = listFiles('server', ['.contract.ts']);
    expect(contracts).toContain('server/modules/intake/incidents/incident.contract.ts');
    expect(contracts).toContain('server/modules/field/evidence/evidence.contract.ts');
    expect(listFiles('web/src', ['.ts', '.tsx'])).toContain('web/src/app/app.tsx');
  });

  it('keeps every contract loadable in a browser: it imports zod and other contracts only', () => {
    const violations = listFiles('server', ['.contract.ts']).flatMap((file) =>
      contractViolations(file, read(file)),
    );
    expect(violations, 'move what the contract needs into a *.contract.ts, and import it from there').toEqual(
      [],
    );
  });

  it('lets the app import the server only by `import type` from a contract', () => {
    const violations = listFiles('web/src', ['.ts', '.tsx']).flatMap((file) =>
      webImportViolations(file, read(file)),
    );
    expect(violations, 'import type { … } from a *.contract.ts').toEqual([]);
  });

  it('type-checks the app against the contracts and nothing else of the server', () => {
    const text = read('web/tsconfig.json').replace(/^\s*\/\/.*$/gm, '');
    const config = JSON.parse(text) as { include: string[]; compilerOptions: { types: string[] } };
    expect(config.include).toEqual(['src', '../server/**/*.contract.ts']);
    expect(config.compilerOptions.types).toEqual([]);
    expect(read('package.json')).toContain('tsc --noEmit -p web');
  });

  it('would catch a contract that reaches platform code, Node or Kysely', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { ReportCategory } from '../../intake/incidents/incident.contract.ts';",
      "import { roles } from './member.tables.ts';",
      "import type { Kysely } from 'kysely';",
      "import { createHash } from 'node:crypto';",
      "export { AppError } from '../../../platform/errors/app-error.ts';",
    ].join('\n');
    expect(contractViolations('server/modules/field/dispatch/dispatch.contract.ts', source)).toEqual([
      "server/modules/field/dispatch/dispatch.contract.ts: import { roles } from './member.tables.ts'",
      "server/modules/field/dispatch/dispatch.contract.ts: import type { Kysely } from 'kysely'",
      "server/modules/field/dispatch/dispatch.contract.ts: import { createHash } from 'node:crypto'",
      "server/modules/field/dispatch/dispatch.contract.ts: export { AppError } from '../../../platform/errors/app-error.ts'",
    ]);
  });

  it('would catch a value import, a service import and zod in the app', () => {
    const contract = '../../../../../server/modules/intake/incidents/incident.contract.ts';
    const source = [
      `import type { PresentedIncident } from '${contract}';`,
      `import { type IncidentStatus, type QueuePage } from '${contract}';`,
      `import { reportCategories } from '${contract}';`,
      "import type { X } from '../../../../../server/modules/field/evidence/evidence-export.service.ts';",
      "import { z } from 'zod';",
      "import { t } from '../../../lib/i18n.ts';",
    ].join('\n');
    const file = 'web/src/features/incidents/api/incidents.ts';
    expect(webImportViolations(file, source)).toEqual([
      `${file}: import { reportCategories } from '${contract}'`,
      `${file}: import type { X } from '../../../../../server/modules/field/evidence/evidence-export.service.ts'`,
      `${file}: import { z } from 'zod'`,
    ]);
    expect(webImportViolations('web/src/features/x.test.ts', source.split('\n')[2]!)).toEqual([]);
  });
});
