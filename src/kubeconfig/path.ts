/**
 * Which kubeconfig file private-eks writes: `$KUBECONFIG`'s first path (kubectl writes to the
 * first file of the list), else `~/.kube/config`. Its own module, apart from file.ts, so that the
 * commands that name the file in their options load nothing of the file handling until they run.
 */
import os from 'node:os';
import path from 'node:path';

export function kubeconfigPath(env: NodeJS.ProcessEnv, homedir: string = os.homedir()): string {
  const first = (env['KUBECONFIG'] ?? '')
    .split(path.delimiter)
    .map((p) => p.trim())
    .find((p) => p !== '');
  return first ?? path.join(homedir, '.kube', 'config');
}
