/**
 * Every command of the CLI, one module each (a group's subcommands, such as `utils schema`, may
 * have a module each). A module exports a RegisterCommand; it imports shared pieces from
 * ../shared/, never another command module. Adding a command: a new module and a line here; the
 * order here is the order of `--help`.
 */
import type { RegisterCommand } from '../shared/context.js';
import { registerValidate } from './validate.js';
import { registerPlan } from './plan.js';
import { registerCreate } from './create.js';
import { registerGet } from './get.js';
import { registerDelete } from './delete.js';
import { registerDoctor } from './doctor.js';
import { registerUtilsSchema } from './utils-schema.js';
import { registerWriteKubeconfig } from './write-kubeconfig.js';
import { registerUpdateCluster } from './update-cluster.js';
import { registerUpgradeCluster } from './upgrade-cluster.js';
import { registerGetNodegroup } from './get-nodegroup.js';
import { registerScaleNodegroup } from './scale-nodegroup.js';
import { registerDeleteNodegroup } from './delete-nodegroup.js';
import { registerUtilsDescribeStacks } from './utils-describe-stacks.js';
import { registerCompletion } from './completion.js';
import { registerUtilsIamPolicy } from './utils-iam-policy.js';

/**
 * A command module and the first word that reaches it. A run registers only the modules of its
 * first word when that word names a command (see runCli): `validate` need not build the options
 * of fifteen other commands at every start. `everyCommand` marks a command that reads the others
 * (completion scripts are generated from them).
 */
export interface CommandModule {
  readonly word: string;
  readonly register: RegisterCommand;
  readonly everyCommand?: boolean;
}

export const COMMANDS: readonly CommandModule[] = [
  { word: 'validate', register: registerValidate },
  { word: 'plan', register: registerPlan },
  { word: 'create', register: registerCreate },
  { word: 'get', register: registerGet },
  { word: 'get', register: registerGetNodegroup },
  { word: 'update', register: registerUpdateCluster },
  { word: 'upgrade', register: registerUpgradeCluster },
  { word: 'scale', register: registerScaleNodegroup },
  { word: 'delete', register: registerDelete },
  { word: 'delete', register: registerDeleteNodegroup },
  { word: 'doctor', register: registerDoctor },
  { word: 'utils', register: registerUtilsSchema },
  { word: 'utils', register: registerWriteKubeconfig },
  { word: 'utils', register: registerUtilsDescribeStacks },
  { word: 'completion', register: registerCompletion, everyCommand: true },
  { word: 'utils', register: registerUtilsIamPolicy },
];
