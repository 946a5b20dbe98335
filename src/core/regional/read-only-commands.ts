import type { CommandExecutor, CommandPath } from '../commands/command-executor';
import { refused } from '../commands/outcome';
import { readOnlyReason } from './log/mirror-source';

/**
 * The command path of a server on the national mirror: every command is refused `unavailable`
 * with the reason, before anything is decided (the mirror is a copy; the region decides).
 */
export function readOnlyCommands(executor: CommandExecutor, region: string, log: (line: string) => void): CommandPath {
  const refuse = (commandId: string) => {
    log(`command ${commandId} refused: ${readOnlyReason(region)}`);
    return refused('unavailable', readOnlyReason(region));
  };
  return {
    ledger: executor.ledger,
    signed: (_peer, commandId) => refuse(commandId),
    recordEvent: (_peer, commandId) => refuse(commandId),
  };
}
