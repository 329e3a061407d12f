import { settingsSchema, type Settings } from '../../../src-preload/contract';

/**
 * Reads whatever a settings file holds into valid Settings: each key is checked on its own, so
 * one bad value (hand-edited file, older version) falls back to its default instead of
 * throwing away every other preference.
 */
export function sanitizeSettings(raw: unknown): Settings {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const clean: Record<string, unknown> = {};
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (!(key in input)) continue;
    const field = settingsSchema.shape[key].safeParse(input[key]);
    if (field.success) clean[key] = field.data;
  }
  return settingsSchema.parse(clean);
}
