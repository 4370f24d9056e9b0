// Builds the library (tsc, with declarations) and the CLI bundle (esbuild).
// The CLI bundle holds everything a command runs, the AWS SDK included: loading the SDK's clients
// from node_modules (their CommonJS builds hold every command of the service) cost a live command
// about a second before its first AWS call. The library (dist/lib) imports the SDK as usual.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFile, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import process from 'node:process';
import path from 'node:path';

/**
 * The SDK's schema modules (one per client, every shape of the service) declare their names as
 * constants and use them as computed keys, `{ [_xN]: "subnetSet" }`. esbuild counts a computed key
 * naming a variable as a possible side effect, so it kept every schema of the EC2 client (1 MB)
 * for the few private-eks uses. Writing the constant's string in its place lets it drop the rest.
 */
const sdkSchemaKeys = {
  name: 'sdk-schema-keys',
  setup(b) {
    b.onLoad(
      { filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ },
      async (args) => {
        const text = await promisify(readFile)(args.path, 'utf8');
        const constants = new Map();
        for (const match of text.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)) constants.set(match[1], match[2]);
        const contents = text.replace(/\[(_\w+)\]:/g, (whole, name) => {
          const value = constants.get(name);
          return value === undefined ? whole : `[${value}]:`;
        });
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * The SDK's HTTP handler and its instance-metadata client load `node:http` with import() (for an
 * http:// endpoint). An ES module facade of a built-in reads every export once, so that import()
 * loads Node's bundled undici through `node:http`'s WebSocket getter: 40 ms before the first
 * request on Node 22. The same module through require() costs nothing extra, and its object has
 * every export an import() namespace would (`default` aside, which these callers fall back from).
 */
const dynamicBuiltinsThroughRequire = {
  name: 'dynamic-builtins-through-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@(smithy|aws-sdk)[\\/].*\.js$/ }, async (args) => {
      const text = await promisify(readFile)(args.path, 'utf8');
      if (!text.includes('import("node:')) return undefined;
      const contents = text.replace(/\bimport\(("node:[a-z_/]+")\)/g, 'Promise.resolve().then(() => require($1))');
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Built-in modules a dependency loads at its top but needs only on a rare path, loaded on first
 * use instead: commander's child_process (for `git`-style executable subcommands, which
 * private-eks does not have) and the SDK's CRC32 checksum's zlib (for a response checksum, which
 * no call private-eks makes asks for), a few ms each before any command runs. Each rewrite
 * checks that the text it replaces is still there, so an update of the dependency that changes
 * it fails the build instead of quietly loading the module again.
 */
const deferredBuiltins = {
  name: 'deferred-builtins',
  setup(b) {
    const rewrites = [
      {
        filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/,
        from: "const childProcess = require('node:child_process');",
        to: "const childProcess = { get spawn() { return require('node:child_process').spawn; } };",
      },
      {
        // picocolors reads process.stdout.isTTY for its default colours, which private-eks never
        // uses (every caller asks createColors for colour on or off): that read makes Node build
        // stdout, a stream and its modules, 8 ms before a command that may never print to it.
        filter: /[\\/]node_modules[\\/]picocolors[\\/]picocolors\.js$/,
        from: '((p.stdout || {}).isTTY && env.TERM !== "dumb")',
        to: 'false',
      },
      {
        filter: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]crc32[\\/]Crc32Node\.js$/,
        from: 'import * as zlib from "node:zlib";\nimport { Crc32Js } from "./Crc32Js";\nconst zlibCrc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : undefined;',
        // Node 22 and later (the supported versions) always have zlib.crc32.
        to: 'import { Crc32Js } from "./Crc32Js";\nconst zlibCrc32 = (data, value) => require("node:zlib").crc32(data, value);',
      },
    ];
    for (const rewrite of rewrites) {
      b.onLoad({ filter: rewrite.filter }, async (args) => {
        const text = await promisify(readFile)(args.path, 'utf8');
        if (!text.includes(rewrite.from)) {
          throw new Error(
            `deferred-builtins: ${args.path} no longer has the text this build rewrites; update scripts/build.mjs`,
          );
        }
        return { contents: text.replace(rewrite.from, rewrite.to), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    }
  },
};

/**
 * One CommonJS file holding the CLI (src/cli/start.ts) and the packages it bundles, built in two
 * passes. bin/private-eks.js runs it as a script compiled with a V8 code cache: only a script (not
 * an ES module) can be compiled with cached data holding every function a command ran, not only
 * those compiled before it started (what Node's module compile cache keeps), and most of a short
 * command's time is compiling its functions on first call. A script also skips the ES module
 * loader, which resolved each of a live command's hundred chunks against package.json files.
 *
 * Pass one bundles as ES modules with splitting, where esbuild drops what nothing imports: the
 * SDK clients' aggregated classes and the commands private-eks never sends. Pass two joins its
 * entry and chunks into one CommonJS file; the chunks a command loads with import() become
 * functions run on first use, so each command still runs only its own code. Bundling the sources
 * straight to CommonJS keeps every module reached by import() whole (esbuild runs such a module's
 * top level on first use and cannot drop any of it): 4.9 MB, and every SDK client's aggregated
 * class built before the first request.
 */
/**
 * A built-in module's default import (`import path from "node:path"`, as pass one writes it) as the
 * require() it stands for. Made CommonJS by esbuild, a default or namespace import becomes a copy
 * of the module's exports, one getter per export (__toESM), made again in every chunk that imports
 * it: about 300 KB allocated and 1 ms before `validate` prints anything. A named import already
 * becomes a plain require(). Pass one keeps built-ins outside the bundle (platform node), so its
 * chunks import them by name, one statement per line.
 */
function builtinsThroughRequire(text) {
  const rewritten = text.replace(/^import ([\w$]+) from ("node:[\w/]+");$/gm, 'const $1 = require($2);');
  const left = /^import (\* as [\w$]+|[\w$]+(,|\s+from))[^;]*"node:[\w/]+";$/m.exec(rewritten);
  if (left !== null) throw new Error(`build: an import of a built-in module this build does not rewrite: ${left[0]}`);
  return rewritten;
}

/** The text around a bundle: bin/private-eks.js checks that a bundle starts with its head. */
const BUNDLE_WRAPPER = { head: '(function (exports, require, module, __filename, __dirname) {', tail: '})' };

async function commonJsBundle({ name, external }) {
  const first = await build({
    entryPoints: { [name]: 'src/cli/start.ts' },
    outdir: 'pass-one',
    write: false,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // The SDK's ES modules (dist-es), which esbuild can tree-shake down to the commands used.
    mainFields: ['module', 'main'],
    external,
    plugins: [sdkSchemaKeys, deferredBuiltins, dynamicBuiltinsThroughRequire],
    logLevel: 'warning',
  });
  const files = new Map(first.outputFiles.map((file) => [file.path, file.text]));
  const passOne = {
    name: 'pass-one',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: args.path, namespace: 'pass-one' };
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        return { path: path.resolve(args.resolveDir, args.path), namespace: 'pass-one' };
      });
      b.onLoad({ filter: /.*/, namespace: 'pass-one' }, (args) => {
        const contents = files.get(args.path);
        if (contents === undefined) throw new Error(`build: pass one made no ${args.path}`);
        return { contents: builtinsThroughRequire(contents), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
  await build({
    entryPoints: [path.resolve('pass-one', `${name}.js`)],
    outdir: 'dist/cli',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // import() of what stays outside (built-ins, node_modules) becomes require(): a script run
    // from a code cache (vm.Script) has no loader for import().
    supported: { 'dynamic-import': false },
    plugins: [passOne],
    sourcemap: false,
    // The file is the function bin/private-eks.js compiles, as Node wraps a CommonJS module: read
    // as it is, with no 1 MB string built around it at every start (one copy less to allocate).
    banner: { js: BUNDLE_WRAPPER.head },
    footer: { js: BUNDLE_WRAPPER.tail },
    // Less for V8 to read on every start; names are kept, so a stack trace still names the functions.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// Every command that may call AWS, with the parts of the SDK it uses. proxy-agent's PAC support
// reads WebAssembly files next to its own modules (quickjs-wasi), so it is loaded from node_modules.
await commonJsBundle({ name: 'live', external: ['pac-proxy-agent'] });
// `validate` and `plan --offline`, without the SDK and the proxy agent (they never call AWS): a
// smaller file to read and a smaller code cache. Every command works from it, more slowly.
await commonJsBundle({ name: 'offline', external: ['@aws-sdk/*', '@smithy/*', 'proxy-agent', 'pac-proxy-agent'] });
