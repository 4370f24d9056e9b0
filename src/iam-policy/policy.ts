/**
 * The least-privilege IAM policy for running private-eks (`utils iam-policy`): the union, for
 * the chosen commands, of the calls private-eks makes (calls.ts) and the actions CloudFormation
 * takes with the caller's credentials for the stacks those commands deploy or delete
 * (cloudformation-resources.ts), one statement per resource scope (scopes.ts). Pure and
 * deterministic: actions sorted, statements in scope order.
 */
import { CALLS, POLICY_COMMANDS, type PolicyCommand } from './calls.js';
import { CLOUDFORMATION_RESOURCES } from './cloudformation-resources.js';
import { SCOPES, type ScopeContext, type ScopeName } from './scopes.js';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

export interface PolicyOptions extends Partial<ScopeContext> {
  /** Default: every command. */
  readonly commands?: readonly PolicyCommand[];
}

/** The actions each scope needs for `commands`. */
export function scopedActions(commands: readonly PolicyCommand[]): Map<ScopeName, Set<string>> {
  const wanted = new Set(commands);
  const byScope = new Map<ScopeName, Set<string>>();
  const add = (scope: ScopeName, actions: readonly string[]) => {
    const set = byScope.get(scope) ?? new Set<string>();
    for (const action of actions) set.add(action);
    byScope.set(scope, set);
  };
  for (const row of CALLS) if (row.commands.some((c) => wanted.has(c))) add(row.scope, [row.action]);
  for (const row of Object.values(CLOUDFORMATION_RESOURCES)) {
    const lists = [
      ...(row.stacksOf.some((c) => wanted.has(c)) ? [row.create, row.delete] : []),
      ...(wanted.has('delete') ? [row.delete] : []),
    ];
    for (const list of lists) for (const [scope, actions] of Object.entries(list)) add(scope as ScopeName, actions);
  }
  return byScope;
}

export function buildIamPolicy(options: PolicyOptions = {}): PolicyDocument {
  const context: ScopeContext = {
    partition: options.partition ?? 'aws',
    account: options.account ?? '*',
    region: options.region ?? '*',
  };
  const byScope = scopedActions(options.commands ?? POLICY_COMMANDS);
  const statements: PolicyStatement[] = [];
  for (const name of Object.keys(SCOPES) as ScopeName[]) {
    const actions = byScope.get(name);
    if (actions === undefined || actions.size === 0) continue;
    const scope = SCOPES[name];
    statements.push({
      Sid: scope.sid,
      Effect: 'Allow',
      Action: [...actions].sort(),
      Resource: scope.resources(context),
      ...('condition' in scope ? { Condition: scope.condition } : {}),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The statements of `policy` that allow `action` (IAM action names are case-insensitive). */
export function statementsAllowing(policy: PolicyDocument, action: string): PolicyStatement[] {
  const wanted = action.toLowerCase();
  return policy.Statement.filter((s) =>
    s.Action.some((a) => {
      const pattern = a.toLowerCase();
      if (!pattern.includes('*')) return pattern === wanted;
      const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
      return regex.test(wanted);
    }),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** For `--command`: the names, or a message naming the unknown one and the choices. */
export function parsePolicyCommands(names: readonly string[]): PolicyCommand[] | { error: string } {
  const known = new Set<string>(POLICY_COMMANDS);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0)
    return { error: `unknown command ${unknown.join(', ')}; choose from ${POLICY_COMMANDS.join(', ')}` };
  return names as PolicyCommand[];
}
