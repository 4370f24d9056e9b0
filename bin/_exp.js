'use strict';
if (process.env.FAKE_STDERR) { const fs = require('node:fs'); Object.defineProperty(process, 'stderr', { configurable: true, value: { write: (s) => { fs.writeSync(2, s); return true; }, isTTY: false } }); }
require('./private-eks.js');
