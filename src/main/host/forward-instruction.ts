import { HostError, type ForwardResult, type ParsedRequestOf } from '../../shared/contract';
import { authorize } from '../../shared/domain/roles';
import { DispatchInputError } from '../../core/dispatch/errors';
import { planForward } from '../../core/dispatch/forward-plan';
import type { ReplicaClient } from '../../core/replica/replica-client';
import { requireSender, type CommandSender } from './command-sender';

/**
 * A province passes a central instruction it has acknowledged on to its depots: one signed
 * depot-level instruction per depot of the region the parent's lines name, each pointing at its
 * parent. The host checks what it can see on the replica; the regional server checks the parent
 * and that the lines stay within it, and its refusal is an answer, not an error.
 */
export async function forwardInstruction(
  replica: ReplicaClient,
  commands: CommandSender | null,
  { region, instructionId }: ParsedRequestOf<'instructions:forward'>,
): Promise<{ results: ForwardResult[] }> {
  const sender = requireSender(commands, 'instruction.issue');
  const officer = sender.identity;
  const verdict = authorize({ role: officer.role, region: officer.region, depot: officer.depot }, 'issue-instruction', { region });
  if (!verdict.allowed) throw new HostError('bad-request', `instructions:forward: ${verdict.reason}`);

  const trace = await replica.call('traceInstruction', [instructionId]);
  const parent = trace?.instruction;
  if (!parent || parent.region !== region) throw new HostError('not-found', `instructions:forward: no instruction ${instructionId} in region ${region}`);
  if (parent.level === 'depot') throw new HostError('bad-request', `instructions:forward: ${instructionId} is already a depot-level instruction`);
  if (parent.acknowledgedBy === null) throw new HostError('bad-request', `instructions:forward: acknowledge ${instructionId} before forwarding it`);

  const depots = [...new Set(parent.lines.flatMap((l) => [l.fromDepot, l.toDepot]).filter((d): d is string => d !== undefined))];
  const details = await Promise.all(depots.map(async (d) => [d, (await replica.call('depotDetail', [d]))?.depot.region] as const));
  const regionOf = new Map(details);
  let plan;
  try {
    plan = planForward({ id: parent.id, kind: parent.kind, lines: parent.lines }, (d) => regionOf.get(d) === region, officer.subject);
  } catch (err) {
    if (err instanceof DispatchInputError) throw new HostError('bad-request', `instructions:forward: ${err.message}`);
    throw err;
  }

  // One after another: each is checked against what the ones before it already took of the parent.
  const results: ForwardResult[] = [];
  for (const { depot, instruction } of plan) {
    const base = { region, depot, instructionId: instruction.id, lines: instruction.lines.length };
    try {
      const answer = await sender.send(region, null, { kind: 'instruction.issue', instruction });
      results.push({ ...base, status: answer.status, code: answer.code, reason: answer.reason, seq: answer.seq });
    } catch (err) {
      const noLink = err instanceof HostError && err.code === 'not-connected';
      results.push({ ...base, status: 'not-sent', code: noLink ? 'no-link' : 'send-failed', reason: (err as Error).message, seq: null });
    }
  }
  return { results };
}
