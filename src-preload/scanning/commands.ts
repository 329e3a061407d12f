// Command barcodes: `CMD:` + a name. One list for the printed command sheet, the renderer's
// capture and the pick/pack services, so a printed code can never be one the app does not know.

export const COMMAND_PREFIX = 'CMD:';

/** Work commands: they act inside a pick or pack flow. All of them are printed on the command sheet. */
export const FLOW_COMMANDS = ['NEXT', 'UNDO', 'SHORT', 'DONE', 'CANCEL', 'REPRINT', 'NEWPARCEL', 'SKIP'] as const;
export type FlowCommand = (typeof FLOW_COMMANDS)[number];

/** Navigation commands: switch to a screen (the renderer's screen names, upper-cased). */
export const NAV_COMMANDS = ['PICK', 'PACK', 'CALLS', 'SYNC', 'SETTINGS'] as const;
export type NavCommand = (typeof NAV_COMMANDS)[number];

export type CommandName = FlowCommand | NavCommand;
export const COMMANDS: readonly CommandName[] = [...FLOW_COMMANDS, ...NAV_COMMANDS];

/** What the command sheet prints, in order (the labels are the sheet's own captions). */
export const SHEET_COMMANDS: readonly FlowCommand[] = FLOW_COMMANDS;

export function commandCode(command: CommandName): string {
  return COMMAND_PREFIX + command;
}

export function isCommandName(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

export function isFlowCommand(name: string): name is FlowCommand {
  return (FLOW_COMMANDS as readonly string[]).includes(name);
}

export function isNavCommand(name: string): name is NavCommand {
  return (NAV_COMMANDS as readonly string[]).includes(name);
}

/**
 * The command a code carries, upper-cased and trimmed (scanners in the wrong keyboard case still
 * work), or null when the code is not a command barcode at all.
 */
export function commandOf(code: string): string | null {
  if (!code.toUpperCase().startsWith(COMMAND_PREFIX)) return null;
  const name = code.slice(COMMAND_PREFIX.length).trim().toUpperCase();
  return name.length > 0 ? name : null;
}
