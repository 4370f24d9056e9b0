/**
 * Reading and writing the kubeconfig file: `$KUBECONFIG`'s first path (as kubectl writes to the
 * first file of the list), else `~/.kube/config`. Written atomically (temporary file + rename in
 * the same directory) with mode 0600, since it names clusters and how to get their credentials;
 * a file that does not parse is never overwritten.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PrivateEksError } from '../errors.js';
import {
  entryNamesForCluster,
  kubeconfigEntry,
  mergeEntry,
  removeEntry,
  type KubeconfigDoc,
  type KubeconfigEntryInput,
} from './entry.js';

export function kubeconfigPath(env: NodeJS.ProcessEnv, homedir: string = os.homedir()): string {
  const first = (env['KUBECONFIG'] ?? '')
    .split(path.delimiter)
    .map((p) => p.trim())
    .find((p) => p !== '');
  return first ?? path.join(homedir, '.kube', 'config');
}

async function readDoc(file: string): Promise<KubeconfigDoc | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw kubeconfigError(`cannot read kubeconfig ${file}: ${(error as Error).message}`, error);
  }
  if (text.trim() === '') return undefined;
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw kubeconfigError(`kubeconfig ${file} is not valid YAML; private-eks leaves it as it is`, error);
  }
  if (doc === null || doc === undefined) return undefined;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw kubeconfigError(`kubeconfig ${file} is not a kubeconfig (not a mapping); private-eks leaves it as it is`);
  }
  return doc as KubeconfigDoc;
}

async function writeDoc(file: string, doc: KubeconfigDoc): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.private-eks-${process.pid}.tmp`);
  await writeFile(temp, stringify(doc), { mode: 0o600 });
  // writeFile's mode only applies to a new file; make sure a stale temp file is 0600 too.
  await chmod(temp, 0o600);
  await rename(temp, file);
}

/** Adds (or replaces) the entry for the cluster and makes it the current context. */
export async function writeKubeconfigEntry(file: string, input: KubeconfigEntryInput): Promise<{ name: string }> {
  const entry = kubeconfigEntry(input);
  const doc = await readDoc(file);
  await writeDoc(file, mergeEntry(doc, entry));
  return { name: entry.name };
}

/**
 * Removes the cluster's entries (found by their `aws eks get-token` user, see entryNamesForCluster)
 * and nothing else; reports whether there was any.
 */
export async function removeKubeconfigEntries(file: string, clusterName: string, region: string): Promise<boolean> {
  const doc = await readDoc(file);
  if (doc === undefined) return false;
  let current = doc;
  let any = false;
  for (const name of entryNamesForCluster(doc, clusterName, region)) {
    const { doc: next, removed } = removeEntry(current, name);
    current = next;
    any ||= removed;
  }
  if (any) await writeDoc(file, current);
  return any;
}

function kubeconfigError(message: string, cause?: unknown): PrivateEksError {
  return new PrivateEksError('PE_KUBECONFIG', message, {
    source: 'user',
    ...(cause === undefined ? {} : { cause }),
    hint: 'fix or move the file, or point KUBECONFIG at another one, then re-run',
  });
}
