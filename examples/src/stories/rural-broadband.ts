/**
 * The story of `rural-broadband` on the embedded national region. The page reads everything it
 * says from the template's metadata and the computed result, so it works with whatever
 * parameters and indicators the template has; until the template is in the library it says so.
 */
import { renderStoryPage, type StoryContext } from './story-page.js';
import { indicatorLabel, type Language } from '../shared/i18n.js';

function narrate(c: StoryContext, language: Language): string[] {
  const changes = (c.result.interventions[0] as { changes?: unknown[] } | undefined)?.changes?.length ?? 0;
  const movers = c.result.indicators.filter((i) => i.better !== 'none' && i.delta !== null && i.delta !== 0);
  const capex = c.indicator('capex');
  const lines = movers
    .slice(0, 3)
    .map((i) => `${indicatorLabel(i, language)}: ${c.format(i.baseline, i.unit)} → ${c.format(i.scenario, i.unit)}`)
    .join('; ');
  if (language === 'en') {
    return [
      `On the embedded region the solution makes ${changes} changes by ${c.result.years.end}. ${lines ? lines + '.' : ''}`,
      `Investment: ${c.format(capex?.scenario, 'KZT')} KZT. The map shows the region before (left) and after (right); the chart shows each oblast.`,
    ];
  }
  return [
    `На встроенном регионе решение вносит ${changes} изменений к ${c.result.years.end} году. ${lines ? lines + '.' : ''}`,
    `Инвестиции: ${c.format(capex?.scenario, 'KZT')} тенге. Карта показывает регион до (слева) и после (справа); диаграмма — каждую область.`,
  ];
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
