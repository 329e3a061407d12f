// The Sync screen's and header's pure view logic: the header never says "Online" unless every
// configured remote answered, names the one remote at fault; cards list every remote (waiting work
// is never hidden); relative times, progress and a conflict's remote version read well; every key
// built at run time exists in both languages.
import { describe, expect, it } from 'vitest';
import { REMOTES, SYNC_REMOTE_STATES, type SyncRemoteStatus } from '../../src-preload/contract';
import { createI18n, cs, en } from '../../src-renderer/src/i18n';
import { headerPill, headerPillText, progressView, readableRecord, relativeTime, remoteCards, type RemoteSummary } from '../../src-renderer/src/features/sync/view';

const up = { transportUp: true, online: true };
const counts = (configured: number, connected = 0, unreachable = 0, failing = 0) => ({ configured, connected, unreachable, failing });
const r = (remote: RemoteSummary['remote'], state: RemoteSummary['state'], configured = state !== 'not_configured'): RemoteSummary => ({ remote, state, configured });

describe('header pill', () => {
  it('says "Local only" with nothing configured, whatever else is true', () => {
    expect(headerPill({ ...up, counts: counts(0), remotes: null }).state).toBe('local');
    expect(headerPill({ ...up, online: false, counts: counts(0), remotes: [r('afosto', 'not_configured')] }).state).toBe('local');
  });

  it('the lost service beats everything, then the machine being offline', () => {
    expect(headerPill({ ...up, transportUp: false, counts: counts(2, 2), remotes: null }).state).toBe('disconnected');
    expect(headerPill({ ...up, online: false, counts: counts(2, 2), remotes: [r('afosto', 'connected'), r('ucs', 'connected')] }).state).toBe('offline');
  });

  it('"Online" only when every configured remote is connected', () => {
    const list = [r('afosto', 'connected'), r('ucs', 'connected'), r('homs', 'not_configured')];
    expect(headerPill({ ...up, counts: counts(2, 2), remotes: list })).toEqual({ state: 'online', count: 0 });
    expect(headerPill({ ...up, counts: counts(2, 2), remotes: null }).state).toBe('online');
    // one still connecting: not online yet, and nothing failed
    expect(headerPill({ ...up, counts: counts(2, 1), remotes: [r('afosto', 'connected'), r('ucs', 'connecting')] }).state).toBe('connecting');
    expect(headerPill({ ...up, counts: counts(2, 1), remotes: null }).state).toBe('connecting');
  });

  it('names the one remote at fault, counts several', () => {
    const one = headerPill({ ...up, counts: counts(2, 1, 1), remotes: [r('afosto', 'connected'), r('ucs', 'unreachable')] });
    expect(one).toEqual({ state: 'unreachable', count: 1, remote: 'ucs', remoteState: 'unreachable' });
    const i18n = createI18n('en');
    const say = (p: ReturnType<typeof headerPill>) => {
      const x = headerPillText(p);
      return i18n.t(x.key, x.values);
    };
    expect(say(one)).toBe('UCS unreachable');
    expect(say(headerPill({ ...up, counts: counts(1, 0, 0, 1), remotes: [r('homs', 'auth_failed')] }))).toBe('HOMS: sign-in refused');
    const many = headerPill({ ...up, counts: counts(3, 1, 1, 1), remotes: [r('afosto', 'connected'), r('ucs', 'unreachable'), r('opentaps', 'error')] });
    expect(many).toEqual({ state: 'unreachable', count: 2 });
    expect(say(many)).toBe('Unreachable: 2');
    // counts only (the live list not here yet): the sum of unreachable and failing
    expect(say(headerPill({ ...up, counts: counts(5, 2, 2, 1), remotes: null }))).toBe('Unreachable: 3');
    void i18n.changeLanguage('cs');
    expect(say(one)).toBe('UCS neodpovídá');
  });

  it('never "Online" while system.status already knows a remote dropped and the throttled list does not yet', () => {
    const p = headerPill({ ...up, counts: counts(2, 1, 1, 0), remotes: [r('afosto', 'connected'), r('ucs', 'connected')] });
    expect(p).toEqual({ state: 'unreachable', count: 1 });
  });

  it('ignores a live list that disagrees with system.status on what is configured (a save in between)', () => {
    // system.status already counts the new UCS connection; the list still has only Afosto.
    const p = headerPill({ ...up, counts: counts(2, 1, 0, 0), remotes: [r('afosto', 'connected'), r('ucs', 'not_configured')] });
    expect(p.state).toBe('connecting');
  });
});

describe('remote cards', () => {
  const status = (remote: SyncRemoteStatus['remote'], configured: boolean): SyncRemoteStatus => ({
    remote,
    configured,
    state: configured ? 'connected' : 'not_configured',
    lastError: null,
    lastContactAt: null,
    pending: 0,
    dead: 0,
    conflicts: 0,
    pulling: false,
    resources: [],
  });

  it('one per remote, configured first, each group in the contract order; unreported ones keep their outbox counts', () => {
    const cards = remoteCards([status('homs', true), status('ucs', false), status('afosto', true)], [{ remote: 'opentaps', pending: 4, dead: 1 }]);
    expect(cards.map((c) => c.remote)).toEqual(['afosto', 'homs', 'ucs', 'ultracart', 'opentaps']);
    expect(cards.find((c) => c.remote === 'opentaps')).toMatchObject({ configured: false, state: 'not_configured', pending: 4, dead: 1 });
    expect(remoteCards(null, null)).toHaveLength(REMOTES.length);
  });
});

describe('times and progress', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  it('relative time in both languages, "now" for tiny or future skews', () => {
    expect(relativeTime(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(now - 5 * 60_000, now, 'cs')).toBe('před 5 minutami');
    expect(relativeTime(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago');
    expect(relativeTime(now - 2 * 86_400_000, now, 'en')).toBe('2 days ago');
    expect(relativeTime(now - 3_000, now, 'en')).toBe('now');
    expect(relativeTime(now + 3_000, now, 'en')).toBe('now');
  });

  it('progress: percent with a total, indeterminate without one, never above 100 %', () => {
    expect(progressView({ done: 250, total: 1000 })).toEqual({ indeterminate: false, done: 250, total: 1000, percent: 25 });
    expect(progressView({ done: 250 })).toEqual({ indeterminate: true, done: 250 });
    expect(progressView({ done: 1200, total: 1000 })).toMatchObject({ percent: 100, total: 1200 });
    expect(progressView({ done: 0, total: 0 })).toMatchObject({ indeterminate: true });
    expect(progressView(null)).toBeNull();
  });
});

describe('a conflict’s remote version', () => {
  it('reads as field: value lines, nested values compact, long ones cut, extra fields counted', () => {
    const data = { code: 'ORD-1', status: 'approved', total: 12.5, paid: false, note: null, customer: { name: 'James Carter' }, long: 'x'.repeat(500) };
    const { lines, more } = readableRecord(data, 6);
    expect(lines.slice(0, 6)).toEqual([
      ['code', 'ORD-1'],
      ['status', 'approved'],
      ['total', '12.5'],
      ['paid', 'false'],
      ['note', '—'],
      ['customer', '{"name":"James Carter"}'],
    ]);
    expect(more).toBe(1);
    expect(readableRecord({ long: 'x'.repeat(500) }).lines[0]![1]).toHaveLength(160);
    expect(readableRecord([1, 2]).lines).toEqual([['', '[1,2]']]);
    expect(readableRecord('plain').lines).toEqual([['', 'plain']]);
  });
});

describe('translations built at run time', () => {
  it('every remote state and header word exists in English and Czech', () => {
    const keys = [
      ...SYNC_REMOTE_STATES.flatMap((s) => [`sync.states.${s}`, `sync.stateHints.${s}`]),
      ...['online', 'offline', 'disconnected', 'local', 'connecting', 'unreachable'].flatMap((s) => [`header.${s}`, `header.${s}Hint`]),
      'header.oneUnreachable',
      'header.oneAuthFailed',
      'header.oneError',
    ];
    const get = (tree: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree);
    for (const k of keys) {
      expect(typeof get(en, k), k).toBe('string');
      expect(typeof get(cs, k), k).toBe('string');
    }
  });
});
