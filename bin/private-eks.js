#!/usr/bin/env node
// The CLI is bundled into dist/cli/ by `npm run build` (run automatically by `npm ci`). This file
// is CommonJS (bin/package.json): Node loads a CommonJS entry without its ES module loader.
//
// Two bundles, one program (src/cli/start.ts), each a CommonJS file run here with a V8 code cache
// of its own (scripts/build.mjs says why). Commands that may call AWS run from dist/cli/live.cjs,
// which holds the parts of the SDK they use. The offline commands, `validate` and
// `plan --offline`, run from dist/cli/offline.cjs, which leaves the SDK out: less to read at every
// start. Either bundle runs every command; the choice is only about start-up time.
'use strict';
const nodeModule = require('node:module');

const args = process.argv.slice(2);
const offline = offlineCommand(args);
if (offline === undefined) {
  runBundle('../dist/cli/live.cjs', liveCacheName(args), { onlyAfterSuccess: true });
} else {
  runBundle('../dist/cli/offline.cjs', `offline-${offline}`, { onlyAfterSuccess: false });
}

/**
 * `live-<the command's first word>` when it looks like one: a cache holds what one command
 * compiled, and a run of another would load code it does not need.
 */
function liveCacheName(argv) {
  const word = firstWord(argv);
  if (word === undefined) return 'live';
  return /^[a-z][a-z0-9-]{0,31}$/.test(word) ? `live-${word}` : 'live-other';
}

/** The first argument that is neither an option nor an option's value, or undefined. */
function firstWord(argv) {
  const withValue = new Set(['--region', '--profile', '--color']);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return undefined;
    if (withValue.has(argv[i])) i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

/** `validate` or `plan … --offline` (the first word that is not an option), else undefined. */
function offlineCommand(argv) {
  const first = firstWord(argv);
  if (first === 'validate') return 'validate';
  if (first === 'plan' && argv.includes('--offline') && !argv.slice(0, argv.indexOf('--offline')).includes('--'))
    return 'plan-offline';
  return undefined;
}

/**
 * Runs a bundle as Node would require() it, compiled with the cached data of an earlier run of the
 * same command when there is one, and saves new cached data at exit when there was none or V8
 * refused it (another Node version, another bundle). The cache lives in the user's cache
 * directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's. A cache that cannot be
 * read or written only makes the command slower: it never changes what it does. With
 * `onlyAfterSuccess`, a run that fails saves none: a mistyped command leaves no file behind.
 */
function runBundle(file, cacheName, { onlyAfterSuccess }) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const bundle = require.resolve(file);
  // esbuild writes ASCII only (it escapes the rest), which latin1 reads without decoding.
  const source = fs.readFileSync(bundle, 'latin1');
  const cacheFile = cachePath(fs, path, bundle, cacheName);
  let cachedData;
  if (cacheFile !== undefined) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // The build wrote the bundle as a function expression of CommonJS's five parameters
  // (scripts/build.mjs): compiled as it is, it needs no copy with a wrapper added.
  if (!source.startsWith('(function (exports, require, module, __filename, __dirname) {')) {
    throw new Error(`${bundle} is not a bundle of this version of private-eks: run \`npm run build\``);
  }
  const script = new vm.Script(source, {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', (code) => {
      if (code === 0 || !onlyAfterSuccess) {
        saveCache(fs, path, cacheFile, cachePrefix(cacheName), () => script.createCachedData());
      }
    });
  }
  const cjs = { exports: {} };
  script.runInThisContext()(cjs.exports, nodeModule.createRequire(bundle), cjs, bundle, path.dirname(bundle));
  return cjs.exports.start(args);
}

/** One cache per command and Node version (a user may switch between versions); the bundle's size and time name its build. */
function cachePrefix(cacheName) {
  return `${cacheName}-${process.version}-${process.arch}-`;
}

/** `<cache dir>/<cache name>-<node version>-<arch>-<bundle size>-<mtime>.v8`, or undefined when off. */
function cachePath(fs, path, bundle, cacheName) {
  const off = process.env.NODE_DISABLE_COMPILE_CACHE;
  if (off !== undefined && off !== '' && off !== '0') return undefined;
  try {
    // $HOME is what os.homedir() returns on Linux and macOS when it is set, without loading node:os.
    const home = process.platform !== 'win32' && process.env.HOME ? process.env.HOME : require('node:os').homedir();
    const dir =
      process.platform === 'win32'
        ? path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'private-eks', 'Cache')
        : process.platform === 'darwin'
          ? path.join(home, 'Library', 'Caches', 'private-eks')
          : path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'private-eks');
    const stat = fs.statSync(bundle);
    const name = `${cachePrefix(cacheName)}${stat.size}-${Math.trunc(stat.mtimeMs)}.v8`;
    return path.join(dir, name);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed); the caches of older builds, for this command and Node version, removed. */
function saveCache(fs, path, cacheFile, prefix, data) {
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data(), { mode: 0o600 });
    fs.renameSync(temporary, cacheFile);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.v8') && name !== path.basename(cacheFile)) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  } catch {
    // No cache this time: the next run compiles again.
  }
}
