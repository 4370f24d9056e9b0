#!/usr/bin/env node
// The CLI is bundled into dist/cli/ by `npm run build` (run automatically by `npm ci`).
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the bundle on disk (in the system's temporary
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a command after the first skips most
// of the compiling. Imported after, not with a static import, which would run before this line.
module.enableCompileCache?.();
await import('../dist/cli/main.js');
