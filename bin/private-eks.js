#!/usr/bin/env node
// The CLI is bundled into dist/cli/ by `npm run build` (run automatically by `npm ci`).
import '../dist/cli/main.js';
