// A moment as people read it on a status screen: "5 minutes ago", with the exact time in its title
// (hover, and screen readers read the <time> element's datetime). Re-rendered every 15 s so
// "just now" does not stay "just now".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absoluteTime, relativeTime } from './view';

export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function RelativeTime({ at, testId }: { at: number; testId?: string }) {
  const { i18n } = useTranslation();
  const now = useNow();
  const exact = absoluteTime(at, i18n.language);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact} data-testid={testId} data-at={at}>
      {relativeTime(at, now, i18n.language)}
    </time>
  );
}
