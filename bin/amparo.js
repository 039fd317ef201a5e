#!/usr/bin/env node
// Thin launcher so `npx amparo <command>` runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
await import('../server/cli.ts');
