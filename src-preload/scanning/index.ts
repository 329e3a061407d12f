// One scanning vocabulary for core (command sheet, pick/pack services) and the renderer (capture).
// Pure TypeScript with no imports beyond this folder, so both sides and the contract's neighbours may use it.
export { classify, type Classified, type ScanKind } from './classify';
export {
  COMMAND_PREFIX,
  COMMANDS,
  FLOW_COMMANDS,
  NAV_COMMANDS,
  SHEET_COMMANDS,
  commandCode,
  commandOf,
  isCommandName,
  isFlowCommand,
  isNavCommand,
  type CommandName,
  type FlowCommand,
  type NavCommand,
} from './commands';
export { BADGE_PREFIX, BADGE_TOKEN_LENGTH, badgeTokenOf, isBadgeCode } from './badge';
export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './gs1/checkDigit';
export { GS, type Gs1Element } from './gs1/elements';
export { parseGs1, gs1Date, type Gs1ParseResult, type Gs1Symbology, type ParsedAi, type ParseOptions } from './gs1/parse';
