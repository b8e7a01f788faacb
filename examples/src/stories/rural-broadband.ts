/**
 * The story of `rural-broadband` on the embedded national region. The page reads everything it
 * says from the template's metadata and the computed result, so it works with whatever
 * parameters and indicators the template has; until the template is in the library it says so.
 */
import { renderStoryPage, type StoryContext } from './story-page.js';
import { indicatorLabel, type Language } from '../shared/i18n.js';

/** A number of the expansion summary, or undefined when the template does not report it. */
function num(summary: Record<string, unknown>, key: string): number | undefined {
  const v = summary[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function narrate(c: StoryContext, language: Language): string[] {
  const s = c.summary;
  const changes = (c.result.interventions[0] as { changes?: unknown[] } | undefined)?.changes?.length ?? 0;
  const movers = c.result.indicators.filter((i) => i.better !== 'none' && i.delta !== null && i.delta !== 0);
  const capex = c.indicator('capex');
  const people = (v: number | undefined) => c.format(v, 'people');
  const tech = (s.householdsByTechnology ?? {}) as Record<string, unknown>;
  const backbone = Array.isArray(s.backboneSettlements) ? s.backboneSettlements.length : undefined;
  const lines = movers
    .slice(0, 3)
    .map((i) => `${indicatorLabel(i, language)}: ${c.format(i.baseline, i.unit)} → ${c.format(i.scenario, i.unit)}`)
    .join('; ');
  const en = language === 'en';
  const out: string[] = [];
  if (num(s, 'settlementsConnected') !== undefined) {
    out.push(
      en
        ? `Villages of at least ${c.params.minSettlementPopulation} people are connected, starting from ${backbone ?? 'the'} towns above ${people(Number(c.params.connectedAbovePopulation))} people that already have a connection: ${people(num(s, 'settlementsConnected'))} settlements, ${people(num(s, 'householdsConnected'))} households, ${people(num(s, 'peopleConnected'))} people.`
        : `Подключаются сёла от ${c.params.minSettlementPopulation} жителей, начиная от ${backbone ?? ''} городов с населением более ${people(Number(c.params.connectedAbovePopulation))}, где связь уже есть: ${people(num(s, 'settlementsConnected'))} населённых пунктов, ${people(num(s, 'householdsConnected'))} домохозяйств, ${people(num(s, 'peopleConnected'))} человек.`,
    );
  } else {
    out.push(
      en
        ? `On the embedded region the solution makes ${changes} changes by ${c.result.years.end}.`
        : `На встроенном регионе решение вносит ${changes} изменений к ${c.result.years.end} году.`,
    );
  }
  if (Object.keys(tech).length) {
    const count = (k: string) => people(typeof tech[k] === 'number' ? (tech[k] as number) : 0);
    out.push(
      en
        ? `The cheapest technology wins in each village: fibre for ${count('fibre')} households (${c.format(num(s, 'fibreKm'), 'km')} km of routes), fixed wireless for ${count('fixed-wireless')} (${c.format(num(s, 'towers'), 'towers')} towers), satellite for ${count('satellite')}.`
        : `В каждом селе выбирается самая дешёвая технология: оптоволокно для ${count('fibre')} домохозяйств (${c.format(num(s, 'fibreKm'), 'km')} км трасс), фиксированная беспроводная связь для ${count('fixed-wireless')} (вышек: ${c.format(num(s, 'towers'), 'towers')}), спутник для ${count('satellite')}.`,
    );
  }
  const perPerson = num(s, 'capexKztPerPersonConnected');
  out.push(
    en
      ? `Investment: ${c.format(capex?.scenario, 'KZT')} KZT${perPerson !== undefined ? `, ${c.format(perPerson, 'KZT')} KZT per person connected` : ''}. ${lines ? lines + '.' : ''} The map shows the region before (left) and after (right).`
      : `Инвестиции: ${c.format(capex?.scenario, 'KZT')} тенге${perPerson !== undefined ? `, ${c.format(perPerson, 'KZT')} тенге на подключённого жителя` : ''}. ${lines ? lines + '.' : ''} Карта показывает регион до (слева) и после (справа).`,
  );
  return out;
}

void renderStoryPage('rural-broadband', {
  intro: {
    en: [
      'The same meeting asked for internet in remote villages. Which villages are too far from a connection, what does connecting them cost, and how many people does it reach?',
    ],
    ru: [
      'На той же встрече попросили интернет в отдалённых сёлах. Какие сёла слишком далеко от подключения, сколько стоит их подключить и скольких людей это охватывает?',
    ],
  },
  narrate,
});
