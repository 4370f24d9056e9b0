/**
 * The command groups (`create cluster`, `get cluster`, `utils schema` …). A command module adds its
 * subcommand to a group through `commandGroup`, so two modules of one group (`utils schema`,
 * `utils write-kubeconfig`) never import each other, and a new subcommand is one new file.
 */
import type { Command } from 'commander';

const GROUPS = {
  create: 'create a fully-private cluster, or add nodegroups to one',
  get: 'show clusters private-eks created, and their nodegroups',
  delete: 'delete a cluster private-eks created, or one of its nodegroups',
  update: 'change a running cluster to what its file says (the diff first)',
  upgrade: 'upgrade a cluster to a newer Kubernetes version',
  scale: 'scale a nodegroup',
  utils: 'helpers: the config JSON Schema, kubeconfig entries, the cluster stacks',
} as const satisfies Record<string, string>;

export type CommandGroup = keyof typeof GROUPS;

/** The group's command, created with its description on first use. */
export function commandGroup(program: Command, name: CommandGroup): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(GROUPS[name]);
}
