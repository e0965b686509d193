#!/usr/bin/env node
// The `vouch` command: runs the TypeScript sources (src/main.ts) through tsx; there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
