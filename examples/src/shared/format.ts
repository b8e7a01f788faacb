/** Number formatting of indicator values by unit, for tables, charts and the story pages. */
import { numberLocale, type Language } from './i18n.js';

/**
 * Formats a value of an indicator in its unit: shares as percentages, money and people as
 * grouped integers (millions and billions abbreviated), minutes with one decimal. null is "—".
 */
export function formatValue(value: number | null | undefined, unit: string, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const locale = numberLocale(language);
  if (unit === 'share') return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
  if (unit === 'minutes') return value.toLocaleString(locale, { maximumFractionDigits: 1 });
  const abs = Math.abs(value);
  const billions = language === 'en' ? ' bn' : ' млрд';
  const millions = language === 'en' ? ' M' : ' млн';
  if (abs >= 1e9) return `${(value / 1e9).toLocaleString(locale, { maximumFractionDigits: 2 })}${billions}`;
  if (abs >= 1e7) return `${(value / 1e6).toLocaleString(locale, { maximumFractionDigits: 1 })}${millions}`;
  return value.toLocaleString(locale, { maximumFractionDigits: abs < 10 ? 2 : 0 });
}

/** A signed change: `+1 234`, `−0.5 %`; zero as `0`. */
export function formatDelta(value: number | null | undefined, unit: string, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const text = formatValue(Math.abs(value), unit, language);
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** The unit as a person reads it in the page language. */
export function formatUnit(unit: string, language: Language): string {
  if (language === 'en') return unit === 'share' ? '%' : unit;
  const ru: Record<string, string> = {
    people: 'чел.',
    minutes: 'мин',
    share: '%',
    KZT: 'тенге',
    'KZT/year': 'тенге/год',
    'kWh/year': 'кВт·ч/год',
    't CO2/year': 'т CO2/год',
  };
  return ru[unit] ?? unit;
}
