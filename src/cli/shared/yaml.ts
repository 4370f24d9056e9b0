/**
 * The YAML functions the CLI uses, for commands to load with `await import('../shared/yaml.js')`
 * when they need them (most runs do not: the library is a quarter of the bundle's start-up code).
 * Never `await import('yaml')` itself: yaml is CommonJS, and the bundler's chunk for a dynamically
 * imported CommonJS module has only a default export, so `{ stringify }` would be undefined in
 * the built CLI while working from the sources.
 */
export { parse, parseDocument, stringify } from 'yaml';
