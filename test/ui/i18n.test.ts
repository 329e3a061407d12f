// Every visible string exists in English and Czech, with the same placeholders, and every key the
// code asks for exists.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LABEL_SOURCES, ROLES } from '../../src-preload/contract';
import { createI18n, cs, en } from '../../src-renderer/src/i18n';
import { CHIP_STATES, PRINT_REASONS } from '../../src-renderer/src/features/printing/reasons';
import { DRAFT_ERROR_KEYS, PRINTER_TYPES } from '../../src-renderer/src/features/printing/printerDraft';
import { SCREENS, SETTINGS_TABS } from '../../src-renderer/src/shell/uiStore';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const EN = flatten(en as unknown as Tree);
const CS = flatten(cs as unknown as Tree);

// The renderer's source text, through Vite (this test project has DOM types, not Node's).
const SOURCES = import.meta.glob('../../src-renderer/src/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('translations', () => {
  it('English and Czech have exactly the same keys, none empty', () => {
    expect([...CS.keys()].sort()).toEqual([...EN.keys()].sort());
    for (const [k, v] of [...EN, ...CS]) expect(v.trim(), k).not.toBe('');
  });

  it('each Czech string has the same {{placeholders}} as its English one', () => {
    for (const [k, v] of EN) expect(placeholders(CS.get(k)!), k).toEqual(placeholders(v));
  });

  it('Czech is really translated, with diacritics', () => {
    const same = [...EN].filter(([k, v]) => CS.get(k) === v).map(([k]) => k);
    // Only names, codes and words Czech borrows as they are may stay the same.
    expect(same.sort()).toEqual(
      ['app.name', 'header.offline', 'header.online', 'scanner.fnc1', 'scanner.kinds.ean13', 'scanner.kinds.ean8', 'scanner.kinds.sscc', 'scanner.kinds.text', 'scanner.kinds.upca', 'settings.general.languages.cs', 'settings.general.languages.en', 'settings.users.role', 'signin.pin'].sort(),
    );
    expect([...CS.values()].join(' ')).toMatch(/[ěščřžýáíéůú]/);
  });

  it('every literal key used by the renderer exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(SOURCES)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(Object.keys(SOURCES).length).toBeGreaterThan(30);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !EN.has(k));
    expect(missing).toEqual([]);
  });

  it('keys built at run time exist for every value they can take', () => {
    const dynamic = [
      ...SCREENS.map((s) => `nav.${s}`),
      ...SCREENS.map((s) => `screens.${s}.title`),
      ...ROLES.map((r) => `roles.${r}`),
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...['online', 'offline', 'disconnected'].flatMap((s) => [`header.${s}`, `header.${s}Hint`]),
      ...SETTINGS_TABS.map((s) => `settings.tabs.${s}`),
      ...LABEL_SOURCES.flatMap((s) => [`settingsExtra.packing.sources.${s}`, `settingsExtra.packing.sourcesHint.${s}`]),
      ...['default_not_listed', 'duplicate_code'].map((r) => `settingsExtra.calls.errors.${r}`),
      ...['system', 'light', 'dark'].map((s) => `settings.general.themes.${s}`),
      ...['en', 'cs'].map((s) => `settings.general.languages.${s}`),
      ...['command', 'badge', 'gs1', 'sscc', 'ean13', 'ean8', 'upca', 'text'].map((s) => `scanner.kinds.${s}`),
      ...['signInFirst', 'setupFirst', 'unknownCommand', 'commandNotHere'].map((s) => `scanner.refused.${s}`),
      ...CHIP_STATES.map((s) => `printing.status.${s}`),
      ...PRINT_REASONS.map((r) => `printing.reasons.${r}`),
      ...['queued', 'sent', 'done', 'failed'].flatMap((s) => [`printing.jobStatus.${s}`, `settings.printers.test.${s}`]),
      ...['tcp', 'dir', 'os', 'afosto'].flatMap((s) => [`settings.printers.types.${s}`, `settings.printers.formatsHint.${s}`]),
      ...['tcp', 'dir', 'os', 'afosto'].map((s) => `settings.printers.kinds.${s}`),
      ...['label', 'slip'].flatMap((r) => [`settings.printers.roles.${r}`, `settings.printers.roleBadge.${r}`, `settings.printers.assigned.${r}`]),
      ...DRAFT_ERROR_KEYS.map((e) => `settings.printers.errors.${e}`),
      ...PRINTER_TYPES.map((s) => `settings.printers.types.${s}`),
    ];
    expect(dynamic.filter((k) => !EN.has(k))).toEqual([]);
  });

  it('i18next resolves keys and interpolation in both languages', () => {
    const i18n = createI18n('cs');
    expect(i18n.t('nav.pack')).toBe('Balení');
    expect(i18n.t('signin.station', { name: 'Stůl 3' })).toBe('Stanice: Stůl 3');
    void i18n.changeLanguage('en');
    expect(i18n.t('nav.pack')).toBe('Pack');
  });
});
