import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The one place tests choose where keys go (vitest setupFiles): the default key file lives in
// $XDG_CONFIG_HOME/amparo, never in the data directory and never in the real user's home.
// Spawned servers and CLIs inherit it through test/support/server-process.ts.
process.env.XDG_CONFIG_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-config-'));
