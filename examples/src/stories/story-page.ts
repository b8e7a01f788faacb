/**
 * A focused page about one solution of the library on the embedded national region: what it is,
 * the parameters proposed for this territory (the template's own `adapt`), what it places where,
 * what it changes (numbers, a map before and after, a chart by district), and the coefficients
 * with their sources. The narrative is written by the page from the computed numbers.
 */
import { indicatorKey, SCENARIO_SCHEMA, type ScenarioDocument, type ScenarioResult } from '@regiontwin/core';
import {
  computeTerritoryProfile,
  getTemplate,
  resolveTemplateParams,
  type SolutionTemplate,
} from '@regiontwin/templates';
import { createViewer } from '@regiontwin/viewer';
import { encodeState, initialState } from '../playground/playground-state.js';
import { drawDistrictBars, drawLegend, SERIES_COLORS } from '../shared/charts.js';
import { h } from '../shared/dom.js';
import { formatValue } from '../shared/format.js';
import { indicatorLabel, LANGUAGES, localized, t, type Language } from '../shared/i18n.js';
import { indicatorTable } from '../shared/indicator-table.js';
import { EMBEDDED_REGION_PATH, loadRegionInWorker } from '../shared/region-source.js';
import { DEFAULT_SETTINGS } from '../shared/scenario-doc.js';
import { createScenarioRunner } from '../shared/scenario-runner.js';
import '../shared/style.css';

/** What a story page says, given the computed result. */
export interface StoryText {
  /** Paragraphs before the numbers, per interface language. */
  intro: Record<'en' | 'ru', string[]>;
  /** Paragraphs that read the result, per interface language. */
  narrate(context: StoryContext, language: Language): string[];
}

/** What the narrative can read. */
export interface StoryContext {
  template: SolutionTemplate;
  params: Record<string, unknown>;
  result: ScenarioResult;
  /** The template's expansion summary (hubs, seats, …), when it gives one. */
  summary: Record<string, unknown>;
  /** The result's indicator of an id (first match), or undefined. */
  indicator(id: string): ScenarioResult['indicators'][number] | undefined;
  /** A value formatted in its unit and the page language. */
  format(value: number | null | undefined, unit: string): string;
}

/** Renders the story page of `templateId` into `document.body`. */
export async function renderStoryPage(templateId: string, text: StoryText): Promise<void> {
  const language: Language =
    (new URLSearchParams(location.search).get('lang') as Language | null) ??
    (navigator.language.startsWith('ru') ? 'ru' : 'en');
  document.documentElement.lang = language;
  const root = h('div', { class: 'story' });
  const languages = h(
    'select',
    {
      id: 'language',
      onchange: (event: Event) => {
        const url = new URL(location.href);
        url.searchParams.set('lang', (event.target as HTMLSelectElement).value);
        location.href = url.href;
      },
    },
    ...LANGUAGES.map((l) => h('option', { value: l.id, selected: l.id === language }, l.name)),
  );
  const status = h('p', { id: 'status', class: 'status', 'aria-live': 'polite' }, t(language, 'regionLoading'));
  document.body.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('h1', { id: 'title' }, templateId),
      h(
        'nav',
        { class: 'top-links' },
        h('a', { href: '../index.html' }, 'regiontwin'),
        h('a', { href: '../playground/index.html', id: 'playground-link' }, 'playground'),
        h('label', {}, `${t(language, 'language')} `, languages),
      ),
    ),
    root,
  );
  root.append(status);
  const template = getTemplate(templateId);
  if (!template) {
    document.body.dataset.status = 'missing';
    status.textContent = t(language, 'storyTemplateMissing', { id: templateId });
    root.append(...text.intro[language === 'en' ? 'en' : 'ru'].map((p) => h('p', { class: 'lead' }, p)));
    return;
  }
  document.title = `${localized(template.title, language)} — regiontwin`;
  $title().textContent = localized(template.title, language);
  root.prepend(h('p', { class: 'lead' }, localized(template.description, language)));
  root.append(...text.intro[language === 'en' ? 'en' : 'ru'].map((p) => h('p', { class: 'lead' }, p)));
  const region = await loadRegionInWorker('embedded');
  if (!region.ok) {
    status.textContent = region.problems.join('\n');
    document.body.dataset.status = 'error';
    return;
  }
  const profile = computeTerritoryProfile(region.model);
  const params = resolveTemplateParams(template, template.adapt(profile) as Record<string, unknown>);
  const doc: ScenarioDocument = {
    schema: SCENARIO_SCHEMA,
    name: localized(template.title, language),
    region: EMBEDDED_REGION_PATH,
    seed: DEFAULT_SETTINGS.seed,
    years: DEFAULT_SETTINGS.years,
    assumptions: { populationGrowthPerYear: DEFAULT_SETTINGS.populationGrowthPerYear },
    interventions: [{ template: template.id, params, year: DEFAULT_SETTINGS.years.start }],
    indicators: template.indicators(params),
  };
  const playground = initialState(language);
  playground.scenarios = [{ name: doc.name, interventions: [{ template: template.id, params, year: 2026 }] }];
  (document.getElementById('playground-link') as HTMLAnchorElement).href =
    `../playground/index.html${encodeState(playground)}`;
  const runner = await createScenarioRunner(region.model, 1);
  let result: ScenarioResult;
  try {
    result = await runner.run(doc, {
      onProgress: (p) => {
        status.textContent =
          p.phase === 'preparing'
            ? t(language, 'preparing', { scenario: p.scenario })
            : t(language, 'running', { scenario: p.scenario, done: p.done, total: p.total });
      },
    });
  } catch (error) {
    status.textContent = t(language, 'failed', { message: error instanceof Error ? error.message : String(error) });
    document.body.dataset.status = 'error';
    return;
  } finally {
    runner.dispose();
  }
  status.textContent = '';
  status.hidden = true;
  const expansion = (result.interventions[0] ?? {}) as { summary?: Record<string, unknown>; changes?: unknown[] };
  const context: StoryContext = {
    template,
    params,
    result,
    summary: expansion.summary ?? {},
    indicator: (id) => result.indicators.find((i) => i.id === id),
    format: (value, unit) => formatValue(value, unit, language),
  };
  const main = result.indicators.find((i) => i.better === 'higher') ?? result.indicators[0];
  const mainIndex = result.indicators.indexOf(main);
  const facts = h(
    'div',
    { class: 'facts' },
    ...result.indicators
      .slice(0, 4)
      .map((indicator) =>
        h(
          'div',
          { class: 'fact', 'data-indicator': indicatorKey(indicator) },
          h('small', {}, indicatorLabel(indicator, language)),
          h('strong', {}, formatValue(indicator.scenario, indicator.unit, language)),
          h('small', {}, `${t(language, 'baseline')}: ${formatValue(indicator.baseline, indicator.unit, language)}`),
        ),
      ),
  );
  const viewerBox = h('div', { class: 'viewer', id: 'viewer' });
  const legend = h('div', { class: 'legend' });
  const chart = h('div', { class: 'chart' });
  const placed = (expansion.changes ?? []) as {
    name?: string;
    kind?: string;
    type?: string;
    at?: [number, number];
    capexKzt?: number;
  }[];
  root.append(
    h('h2', {}, t(language, 'adapted')),
    h(
      'table',
      { class: 'plain' },
      h(
        'tbody',
        {},
        ...Object.entries(params).map(([name, value]) => {
          const spec = template.parameters[name];
          return h(
            'tr',
            {},
            h('th', {}, name),
            h('td', { 'data-param': name }, `${String(value)}${spec?.unit ? ' ' + spec.unit : ''}`),
            h('td', {}, spec?.description ?? ''),
          );
        }),
      ),
    ),
    facts,
    ...text.narrate(context, language).map((p) => h('p', { class: 'lead narrative' }, p)),
    h('h2', {}, `${t(language, 'map')}: ${t(language, 'viewBaseline')}`),
    viewerBox,
    h('h2', {}, `${indicatorLabel(main, language)} — ${t(language, 'byDistrict')}`),
    legend,
    chart,
    h('h2', {}, t(language, 'indicators')),
    h('div', { class: 'table-wrap' }, indicatorTable([result], language, indicatorKey(main))),
    h(
      'details',
      { open: placed.length <= 25, class: 'placed' },
      h('summary', {}, `${t(language, 'interventions')}: ${placed.length} — ${kindCounts(placed)}`),
      h(
        'table',
        { class: 'plain', id: 'placed' },
        h(
          'tbody',
          {},
          ...placed.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, c.name ?? ''),
              h('td', {}, c.kind ?? ''),
              h('td', {}, c.at ? `${c.at[1].toFixed(3)}° N, ${c.at[0].toFixed(3)}° E` : ''),
              h(
                'td',
                { class: 'num' },
                c.capexKzt !== undefined ? formatValue(c.capexKzt, 'KZT', language) + ' KZT' : '',
              ),
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, t(language, 'coefficients')),
    h(
      'table',
      { class: 'plain' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, ''), h('th', {}, t(language, 'value')), h('th', {}, t(language, 'source'))),
      ),
      h(
        'tbody',
        {},
        ...Object.entries(template.coefficients).map(([name, c]) =>
          h(
            'tr',
            {},
            h('th', {}, name, h('br'), h('small', {}, c.description)),
            h('td', {}, `${c.value.toLocaleString(language === 'en' ? 'en-GB' : 'ru-RU')} ${c.unit}`),
            h('td', {}, c.source),
          ),
        ),
      ),
    ),
    h('h2', {}, t(language, 'attribution')),
    h('ul', {}, ...result.attribution.map((a) => h('li', {}, a))),
  );
  const series = [
    { name: t(language, 'baseline'), color: SERIES_COLORS[0], values: main.byDistrict.map((d) => d.baseline) },
    { name: result.scenario, color: SERIES_COLORS[1], values: main.byDistrict.map((d) => d.scenario) },
  ];
  drawLegend(legend, series);
  drawDistrictBars(
    chart,
    main.byDistrict.map((d) => d.name),
    series,
    main.unit,
    language,
  );
  const viewer = createViewer(viewerBox);
  await viewer.setRegion(region.model);
  viewer.setResult(result, { compareTo: 'baseline', indicator: mainIndex });
  document.body.dataset.status = 'ready';
}

/** `12 × it-hub, 3 × tower`: the placed changes counted by facility kind (or change type). */
function kindCounts(placed: readonly { kind?: string; type?: string }[]): string {
  const counts = new Map<string, number>();
  for (const c of placed) {
    const key = c.kind ?? c.type ?? '?';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}

function $title(): HTMLElement {
  return document.getElementById('title')!;
}
