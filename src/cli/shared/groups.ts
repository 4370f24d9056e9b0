/**
 * The command groups (`create cluster`, `get cluster`, `utils schema` …). A command module adds its
 * subcommand to a group through `commandGroup`, so two modules of one group (`utils schema`,
 * `utils write-kubeconfig`) never import each other, and a new subcommand is one new file.
 */
import type { Command } from 'commander';

const GROUPS = {
  create: 'create a fully-private cluster, or add nodegroups to one',
  get: 'show clusters private-eks created',
  delete: 'delete a cluster private-eks created',
  utils: 'helpers: the config JSON Schema, kubeconfig entries, the IAM policy to run private-eks',
} as const satisfies Record<string, string>;

export type CommandGroup = keyof typeof GROUPS;

/** The group's command, created with its description on first use. */
export function commandGroup(program: Command, name: CommandGroup): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(GROUPS[name]);
}
