/** The progress view of a command that deploys: on stderr, live on a terminal. */
import { useColor } from '../io.js';
import { createProgressView, wantsLiveProgress } from '../render/progress.js';
import type { CommandContext } from './context.js';

export function progressView(context: CommandContext): ReturnType<typeof createProgressView> {
  const globals = context.globals();
  return createProgressView({
    stream: context.io.stderr,
    live: wantsLiveProgress(context.io.stderr, context.io.env),
    color: useColor(context.io, globals.color),
    verbose: globals.verbose === true,
  });
}
