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
import { registerCompletion } from './completion.js';
import { registerUpdateCluster } from './update-cluster.js';
import { registerUpgradeCluster } from './upgrade-cluster.js';
import { registerGetNodegroup } from './get-nodegroup.js';
import { registerScaleNodegroup } from './scale-nodegroup.js';
import { registerDeleteNodegroup } from './delete-nodegroup.js';
import { registerUtilsDescribeStacks } from './utils-describe-stacks.js';

export const COMMANDS: readonly RegisterCommand[] = [
  registerValidate,
  registerPlan,
  registerCreate,
  registerGet,
  registerGetNodegroup,
  registerUpdateCluster,
  registerUpgradeCluster,
  registerScaleNodegroup,
  registerDelete,
  registerDeleteNodegroup,
  registerDoctor,
  registerUtilsSchema,
  registerWriteKubeconfig,
  registerUtilsDescribeStacks,
  registerCompletion,
];
