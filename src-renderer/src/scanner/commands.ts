// What a decoded barcode means to the app: a command barcode (CMD:…) or an ordinary code.

export type Scan =
  | { kind: 'code'; code: string }
  | { kind: 'command'; command: string; code: string };

export const COMMAND_PREFIX = 'CMD:';

export function interpretCode(code: string): Scan {
  if (code.toUpperCase().startsWith(COMMAND_PREFIX)) {
    const command = code.slice(COMMAND_PREFIX.length).trim().toUpperCase();
    if (command.length > 0) return { kind: 'command', command, code };
  }
  return { kind: 'code', code };
}
