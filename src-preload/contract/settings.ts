import { z } from 'zod';
import { emptyInput, event, method } from './define';

export const LANGUAGES = ['en', 'cs'] as const;
export const languageSchema = z.enum(LANGUAGES);
export const themeSchema = z.enum(['system', 'light', 'dark']);

/** Each preference's own type, without its default (patches must not fill in defaults). */
const fields = {
  language: languageSchema,
  theme: themeSchema,
  sounds: z.boolean(),
  volume: z.number().min(0).max(1),
  /** Longest gap between two keystrokes of one scanner burst. */
  scannerMaxGapMs: z.number().int().min(5).max(200),
  /** Shortest code accepted as a scan (shorter bursts are treated as typing). */
  scannerMinLength: z.number().int().min(1).max(64),
};

/**
 * Small per-station preferences. Secrets never live here (see SecretStore in core).
 * Every field has a default so an empty or partly broken file still yields valid settings.
 */
export const settingsSchema = z.object({
  language: fields.language.default('en'),
  theme: fields.theme.default('system'),
  sounds: fields.sounds.default(true),
  volume: fields.volume.default(0.6),
  scannerMaxGapMs: fields.scannerMaxGapMs.default(35),
  scannerMinLength: fields.scannerMinLength.default(4),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: only the given keys change (zod 4 would fill defaults into `.partial()`). */
export const settingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': method({
    input: emptyInput,
    output: settingsSchema,
    access: 'public',
    kind: 'query',
    description: 'All station preferences with defaults filled in.',
  }),
  'settings.set': method({
    input: settingsPatchSchema,
    output: settingsSchema,
    access: 'user',
    kind: 'write',
    description: 'Change some preferences; answers the whole new settings.',
  }),
} as const;

export const settingsEvents = {
  'settings.changed': event({ payload: settingsSchema, description: 'Preferences changed (any window).' }),
} as const;
