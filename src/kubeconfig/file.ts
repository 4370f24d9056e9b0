/**
 * Reading and writing the kubeconfig file: `$KUBECONFIG`'s first path (as kubectl writes to the
 * first file of the list), else `~/.kube/config`. A file that does not parse is never overwritten.
 *
 * Every update is read-modify-write under a lock, so concurrent writers (two private-eks runs,
 * or kubectl, which takes the same `<file>.lock`) never lose each other's entries:
 * - the lock is `<file>.lock`, created with O_EXCL and holding the owner's pid; a lock whose
 *   process is gone, or older than STALE_LOCK_MS, is taken over (a killed run must not block
 *   every later one);
 * - the new content goes to a temporary file with a random name, created with O_EXCL and mode
 *   0600 in the target's directory (a planted file or symlink of a guessable name is never
 *   followed), then renamed over the target — readers see the old file or the new one, never half;
 * - a symlinked kubeconfig (dotfiles managers do this) is updated at its target, so the link stays.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, readFile, readlink, rename, stat, unlink } from 'node:fs/promises';
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

export { kubeconfigPath } from './path.js';

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

/** Where writes go: the final target of `file` when it is a symlink (a chain is followed). */
export async function resolveKubeconfigTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hop = 0; hop < 40; hop += 1) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw kubeconfigError(`cannot read kubeconfig ${file}: ${(error as Error).message}`, error);
    }
    if (!isLink) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw kubeconfigError(`kubeconfig ${file} is a loop of symbolic links`);
}

async function writeDoc(target: string, doc: KubeconfigDoc): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(12).toString('hex')}.tmp`);
  // 'wx' = O_CREAT | O_EXCL: fails instead of following whatever sits at that name.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(stringify(doc));
    // The mode argument is filtered by the umask; the file names clusters and how to reach them.
    await handle.chmod(0o600);
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** How long a lock may be held before it is presumed abandoned, and how long to wait for one. */
const STALE_LOCK_MS = 60_000;
const LOCK_WAIT_MS = 30_000;

/** Runs `update` holding `<target>.lock`; see the module comment. */
export async function withKubeconfigLock<T>(target: string, update: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const lock = `${target}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsStale(lock)) {
        await takeOverStaleLock(lock);
        continue;
      }
      if (Date.now() > deadline) {
        throw kubeconfigError(
          `kubeconfig ${target} is locked by another writer (${lock}); remove the lock file if no private-eks or kubectl is running`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }
  try {
    return await update();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * Moves a stale lock aside. Two waiters may both judge it stale, and the second rename could
 * then move the first one's fresh lock: whoever finds a live lock in its hands puts it back
 * (link fails rather than overwrite a newer one).
 */
async function takeOverStaleLock(lock: string): Promise<void> {
  const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lock, aside);
  } catch {
    return;
  }
  if (!(await lockIsStale(aside))) await link(aside, lock).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function lockIsStale(lock: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    if (Date.now() - info.mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(text.trim());
    // A lock being written has no pid yet: not stale.
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false;
  }
}

/** Adds (or replaces) the entry for the cluster and makes it the current context. */
export async function writeKubeconfigEntry(file: string, input: KubeconfigEntryInput): Promise<{ name: string }> {
  const entry = kubeconfigEntry(input);
  const target = await resolveKubeconfigTarget(file);
  await withKubeconfigLock(target, async () => writeDoc(target, mergeEntry(await readDoc(target), entry)));
  return { name: entry.name };
}

/**
 * Removes the cluster's entries (found by their `aws eks get-token` user, see entryNamesForCluster)
 * and nothing else; reports whether there was any.
 */
export async function removeKubeconfigEntries(file: string, clusterName: string, region: string): Promise<boolean> {
  const target = await resolveKubeconfigTarget(file);
  if ((await readDoc(target)) === undefined) return false;
  return withKubeconfigLock(target, async () => {
    const doc = await readDoc(target);
    if (doc === undefined) return false;
    let current = doc;
    let any = false;
    for (const name of entryNamesForCluster(doc, clusterName, region)) {
      const { doc: next, removed } = removeEntry(current, name);
      current = next;
      any ||= removed;
    }
    if (any) await writeDoc(target, current);
    return any;
  });
}

function kubeconfigError(message: string, cause?: unknown): PrivateEksError {
  return new PrivateEksError('PE_KUBECONFIG', message, {
    source: 'user',
    ...(cause === undefined ? {} : { cause }),
    hint: 'fix or move the file, or point KUBECONFIG at another one, then re-run',
  });
}
