import type { Command } from 'commander';
import type { CommandContext } from '../program.js';
import { registerValidate } from './validate.js';
import { registerPlan } from './plan.js';
import { registerCreate } from './create.js';
import { registerGet } from './get.js';
import { registerDelete } from './delete.js';
import { registerDoctor } from './doctor.js';
import { registerUtils } from './utils.js';

export type SetExitCode = (code: number) => void;

/** Every command, one file each; each file registers its command and runs it through the library. */
export function registerCommands(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  registerValidate(program, context, setExitCode);
  registerPlan(program, context, setExitCode);
  registerCreate(program, context, setExitCode);
  registerGet(program, context, setExitCode);
  registerDelete(program, context, setExitCode);
  registerDoctor(program, context, setExitCode);
  registerUtils(program, context, setExitCode);
}
