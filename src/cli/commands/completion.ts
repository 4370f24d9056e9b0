/**
 * `private-eks completion bash|zsh|fish`: a shell completion script, generated from the commands
 * and options as registered, so it never lags behind them. Commands, subcommands, options, the
 * choices of an option (`-o json`), and file names after `-f`, `--kubeconfig` and `--out-dir`.
 *
 *   source <(private-eks completion bash)          # ~/.bashrc
 *   source <(private-eks completion zsh)           # ~/.zshrc (through bashcompinit)
 *   private-eks completion fish > ~/.config/fish/completions/private-eks.fish
 */
import { Argument, type Command, type Option } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';

interface CommandNode {
  /** `create/cluster`; `` for the program itself. */
  readonly path: string;
  readonly subcommands: readonly { name: string; description: string }[];
  readonly options: readonly Option[];
}

const FILE_OPTIONS = new Set(['--config-file', '--kubeconfig', '--out-dir']);

function nodes(command: Command, prefix = ''): CommandNode[] {
  const visible = command.commands.filter((c) => c.name() !== 'help');
  const here: CommandNode = {
    path: prefix,
    subcommands: visible.map((c) => ({ name: c.name(), description: c.description() })),
    options: command.options,
  };
  return [here, ...visible.flatMap((c) => nodes(c, prefix === '' ? c.name() : `${prefix}/${c.name()}`))];
}

function flagsOf(option: Option): string[] {
  return [option.short, option.long].filter((f): f is string => f !== undefined);
}

function choicesOf(option: Option): readonly string[] {
  return option.argChoices ?? [];
}

export function bashScript(program: Command): string {
  const all = nodes(program);
  const globals = program.options as Option[];
  const paths = all.filter((n) => n.path !== '').map((n) => `/${n.path}`);
  const wordsCase = all
    .map((n) => {
      const words = [
        ...n.subcommands.map((s) => s.name),
        ...[...n.options, ...(n.path === '' ? [] : globals)].flatMap(flagsOf),
        '--help',
      ];
      return `    "${n.path === '' ? '' : `/${n.path}`}") words="${[...new Set(words)].join(' ')}" ;;`;
    })
    .join('\n');
  const choiceCases: string[] = [];
  for (const n of all) {
    for (const option of n.path === '' ? n.options : [...n.options, ...globals]) {
      const choices = choicesOf(option);
      if (choices.length === 0) continue;
      const patterns = flagsOf(option).map((f) => `"${n.path === '' ? '' : `/${n.path}`} ${f}"`);
      choiceCases.push(
        `    ${patterns.join('|')}) COMPREPLY=($(compgen -W "${choices.join(' ')}" -- "$cur")); return ;;`,
      );
    }
  }
  return `# private-eks completion for bash (private-eks completion bash)
_private_eks() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" state="" w words=""
  local paths=" ${paths.join(' ')} "
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$paths" in *" $state/$w "*) state="$state/$w" ;; esac
  done
  case "$prev" in
    -f|${[...FILE_OPTIONS].join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$state $prev" in
${choiceCases.join('\n')}
  esac
  case "$state" in
${wordsCase}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _private_eks private-eks
`;
}

export function zshScript(program: Command): string {
  return `# private-eks completion for zsh (private-eks completion zsh), through zsh's bash completion
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(program)}`;
}

export function fishScript(program: Command): string {
  const all = nodes(program);
  const globals = program.options as Option[];
  const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const lines = ['# private-eks completion for fish (private-eks completion fish)', 'complete -c private-eks -f'];
  const condition = (path: string): string => {
    if (path === '') return '__fish_use_subcommand';
    return path
      .split('/')
      .map((part) => `__fish_seen_subcommand_from ${part}`)
      .join('; and ');
  };
  for (const n of all) {
    for (const s of n.subcommands) {
      lines.push(`complete -c private-eks -n ${quote(condition(n.path))} -a ${s.name} -d ${quote(s.description)}`);
    }
    if (n.path === '') continue;
    for (const option of n.options) {
      const parts = ['complete -c private-eks', `-n ${quote(condition(n.path))}`];
      if (option.long !== undefined) parts.push(`-l ${option.long.replace(/^--/, '')}`);
      if (option.short !== undefined) parts.push(`-s ${option.short.replace(/^-/, '')}`);
      const choices = choicesOf(option);
      if (choices.length > 0) parts.push(`-xa ${quote(choices.join(' '))}`);
      else if (option.long !== undefined && FILE_OPTIONS.has(option.long)) parts.push('-rF');
      else if (option.required) parts.push('-r');
      parts.push(`-d ${quote(option.description)}`);
      lines.push(parts.join(' '));
    }
  }
  for (const option of globals) {
    const parts = ['complete -c private-eks'];
    if (option.long !== undefined) parts.push(`-l ${option.long.replace(/^--/, '')}`);
    if (option.short !== undefined) parts.push(`-s ${option.short.replace(/^-/, '')}`);
    const choices = choicesOf(option);
    if (choices.length > 0) parts.push(`-xa ${quote(choices.join(' '))}`);
    else if (option.required) parts.push('-r');
    parts.push(`-d ${quote(option.description)}`);
    lines.push(parts.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

export function registerCompletion(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('completion')
    .description('print a shell completion script: source <(private-eks completion bash)')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action((shell: 'bash' | 'zsh' | 'fish') => {
      const script =
        shell === 'bash' ? bashScript(program) : shell === 'zsh' ? zshScript(program) : fishScript(program);
      context.io.stdout.write(script);
      setExitCode(ExitCode.ok);
    });
}
