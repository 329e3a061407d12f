// i18next set up per app instance (tests render in several languages side by side).
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../../src-preload/contract';
import { cs } from './cs';
import { en } from './en';

export { en, type Messages } from './en';
export { cs } from './cs';

export const resources = { en: { translation: en }, cs: { translation: cs } } as const;

export function createI18n(language: Settings['language'] = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'cs'],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Formats a time of day the way the chosen language writes it. */
export function formatTime(at: number, language: string): string {
  return new Date(at).toLocaleTimeString(language === 'cs' ? 'cs-CZ' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
