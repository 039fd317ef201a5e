import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './contracts.ts';

/**
 * The members' app is type-checked against the server's contracts (web/tsconfig.json, run by
 * `npm run typecheck`). This test changes a contract in memory only, the way a server change would,
 * and checks that the app's typecheck fails where the app uses it: a restated type would not.
 */

interface Change {
  name: string;
  contract: string;
  from: string;
  to: string;
  /** The app's folder where the change must surface as errors. */
  failsIn: string;
}

const changes: Change[] = [
  {
    name: 'renaming PresentedIncident.publicId',
    contract: 'server/modules/intake/incidents/incident.contract.ts',
    from: '  publicId: string;\n  status: IncidentStatus;',
    to: '  publicReference: string;\n  status: IncidentStatus;',
    failsIn: 'web/src/features/incidents/',
  },
  {
    name: 'renaming PresentedOffer.status',
    contract: 'server/modules/field/dispatch/dispatch.contract.ts',
    from: '  offeredBy: string;\n  status: OfferStatus;',
    to: '  offeredBy: string;\n  state: OfferStatus;',
    failsIn: 'web/src/features/dispatch/',
  },
  {
    name: 'renaming SessionView.hasSecondFactor',
    contract: 'server/modules/identity/auth/auth.contract.ts',
    from: '  roles: RoleGrant[];\n  hasSecondFactor: boolean;',
    to: '  roles: RoleGrant[];\n  hasEnrolledSecondFactor: boolean;',
    failsIn: 'web/src/features/account/',
  },
  {
    name: 'retyping PresentedEvidenceExport.requestedAt',
    contract: 'server/modules/field/evidence/evidence.contract.ts',
    from: '  requestedAt: number;',
    to: '  requestedAt: string;',
    failsIn: 'web/src/features/evidence/',
  },
  // Enums and bounds: the app's literal lists are held to them.
  {
    name: 'adding a report category',
    contract: 'server/modules/intake/incidents/incident.contract.ts',
    from: "  'transport',\n  'other',\n] as const;",
    to: "  'transport',\n  'school',\n  'other',\n] as const;",
    failsIn: 'web/src/features/incidents/',
  },
  {
    name: 'changing a settings bound',
    contract: 'server/modules/identity/networks/network.contract.ts',
    from: 'reportTextRetentionDays: { min: 1, max: 365 }',
    to: 'reportTextRetentionDays: { min: 1, max: 400 }',
    failsIn: 'web/src/features/admin/',
  },
];

/** The web project as `tsc -p web` sees it, with contract texts replaceable in memory. */
function createWebProject() {
  const configPath = path.join(repositoryRoot, 'web/tsconfig.json');
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const replaced = new Map<string, string>();
  const versions = new Map<string, number>();
  const read = (file: string) => replaced.get(file) ?? ts.sys.readFile(file);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (file) => String(versions.get(file) ?? 0),
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => path.dirname(configPath),
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => replaced.has(file) || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (directory) => ts.sys.directoryExists(directory),
    getDirectories: (directory) => ts.sys.getDirectories(directory),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const fileOf = (relative: string) => {
    const file = parsed.fileNames.find((name) => name.endsWith(`/${relative}`));
    if (!file) throw new Error(`${relative} is not part of the web project`);
    return file;
  };
  return {
    /** Error messages in the app's files under `folder`, as `file: message`. */
    errorsIn(folder: string): string[] {
      return parsed.fileNames
        .filter((file) => file.includes(`/${folder}`))
        .flatMap((file) =>
          service
            .getSemanticDiagnostics(file)
            .map(
              (diagnostic) =>
                `${path.relative(repositoryRoot, file)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
            ),
        );
    },
    replace(relative: string, text: string | null): void {
      const file = fileOf(relative);
      if (text === null) replaced.delete(file);
      else replaced.set(file, text);
      versions.set(file, (versions.get(file) ?? 0) + 1);
    },
  };
}

describe('a change to a contract fails the app’s typecheck', () => {
  let project: ReturnType<typeof createWebProject>;

  beforeAll(() => {
    project = createWebProject();
  });

  it.each(changes)('$name', { timeout: 120_000 }, ({ contract, from, to, failsIn }) => {
    const text = ts.sys.readFile(path.join(repositoryRoot, contract))!;
    expect(text.split(from), `"${from}" must occur once in ${contract}`).toHaveLength(2);
    expect(project.errorsIn(failsIn)).toEqual([]);
    project.replace(contract, text.replace(from, to));
    try {
      expect(project.errorsIn(failsIn).length).toBeGreaterThan(0);
    } finally {
      project.replace(contract, null);
    }
    expect(project.errorsIn(failsIn)).toEqual([]);
  });
});
