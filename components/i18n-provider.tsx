'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translator, type Locale, type Translate } from '@/lib/i18n/messages';

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): Translate {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useT() needs an <I18nProvider> above it');
  return context.t;
}
