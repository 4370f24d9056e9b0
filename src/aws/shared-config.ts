/**
 * What the AWS shared config and credentials files say about profiles: which exist, and a
 * profile's `region`. Read with the SDK's own INI reader (@smithy/core/config), from the paths the
 * SDK uses (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials),
 * so private-eks and the SDK agree on what a profile is.
 *
 * The default region follows the AWS CLI and eksctl: AWS_REGION, then AWS_DEFAULT_REGION, then the
 * profile's `region` (the SDK for JavaScript alone does not read AWS_DEFAULT_REGION).
 */
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface SharedConfigFiles {
  readonly configPath: string;
  readonly credentialsPath: string;
  /** Profile name → its settings, from both files (the config file's wins). */
  readonly profiles: ReadonlyMap<string, Readonly<Record<string, string | undefined>>>;
}

/** Where the default region came from, for messages: `AWS_REGION`, `profile dev's region`. */
export interface RegionChoice {
  readonly region: string;
  readonly from: string;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env['HOME'] || env['USERPROFILE'] || os.homedir();
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file.startsWith('~/') ? path.join(homeDir(env), file.slice(2)) : file;
}

export async function readSharedConfig(env: NodeJS.ProcessEnv): Promise<SharedConfigFiles> {
  const configPath = expandHome(env['AWS_CONFIG_FILE'] || path.join(homeDir(env), '.aws', 'config'), env);
  const credentialsPath = expandHome(
    env['AWS_SHARED_CREDENTIALS_FILE'] || path.join(homeDir(env), '.aws', 'credentials'),
    env,
  );
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = await loadSharedConfigFiles({
    configFilepath: configPath,
    filepath: credentialsPath,
    ignoreCache: true,
  });
  const profiles = new Map<string, Record<string, string | undefined>>();
  for (const [name, settings] of Object.entries(files.credentialsFile)) profiles.set(name, { ...settings });
  for (const [name, settings] of Object.entries(files.configFile)) {
    // Sections such as [sso-session x] come back as `sso-session.x`: not profiles.
    if (name.includes('.')) continue;
    profiles.set(name, { ...profiles.get(name), ...settings });
  }
  return { configPath, credentialsPath, profiles };
}

/** The profile the SDK will use: `--profile`, else AWS_PROFILE, else `default`. */
export function profileName(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag?.trim() || env['AWS_PROFILE']?.trim() || 'default';
}

/** The profile was asked for by name (`--profile` or AWS_PROFILE): it must exist. */
export async function assertProfileExists(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const explicit = flag?.trim() || env['AWS_PROFILE']?.trim();
  if (explicit === undefined || explicit === '') return;
  const shared = await readSharedConfig(env);
  if (shared.profiles.has(explicit)) return;
  const known = [...shared.profiles.keys()];
  const where = flag?.trim() ? `--profile ${explicit}` : `AWS_PROFILE=${explicit}`;
  throw new UsageError(`${where}: no profile "${explicit}" in ${shared.configPath} or ${shared.credentialsPath}`, {
    hint:
      known.length > 0
        ? `profiles there: ${known.join(', ')}; or create it with: aws configure --profile ${explicit}`
        : `create it with: aws configure --profile ${explicit} (or aws configure sso)`,
  });
}

/** AWS_REGION, else AWS_DEFAULT_REGION, else the profile's `region`; undefined when none is set. */
export async function defaultRegion(
  profileFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<RegionChoice | undefined> {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = env[name]?.trim();
    if (value) return { region: value, from: name };
  }
  const profile = profileName(profileFlag, env);
  const shared = await readSharedConfig(env);
  const region = shared.profiles.get(profile)?.['region']?.trim();
  return region ? { region, from: `profile ${profile}'s region` } : undefined;
}
