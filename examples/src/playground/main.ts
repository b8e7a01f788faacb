/**
 * The playground: pick a region (the embedded national one or your own files), pick solutions
 * from the template library and tune their parameters, and see what up to three scenarios change
 * — an indicator table, d3 charts and the 3D viewer. Every edit starts a new run in Web Workers
 * and cancels the stale one; the state lives in the URL.
 */
import { indicatorKey, type RegionModel, type ScenarioResult } from '@regiontwin/core';
import {
  computeTerritoryProfile,
  getTemplate,
  TEMPLATES,
  type SolutionTemplate,
  type TerritoryProfile,
} from '@regiontwin/templates';
import { createViewer, type Viewer } from '@regiontwin/viewer';
import { drawDistrictBars, drawLegend, drawYearLines, SERIES_COLORS, type ChartSeries } from '../shared/charts.js';
import { download, fill, h } from '../shared/dom.js';
import { formatValue } from '../shared/format.js';
import {
  categoryName,
  indicatorLabel,
  LANGUAGES,
  localized,
  t,
  type Language,
  type MessageKey,
} from '../shared/i18n.js';
import { indicatorTable } from '../shared/indicator-table.js';
import { parameterControls } from '../shared/param-controls.js';
import {
  EMBEDDED_REGION_ID,
  EMBEDDED_REGION_PATH,
  loadRegionInWorker,
  type RegionOutcome,
} from '../shared/region-source.js';
import { createScenarioRunner, isAbortError, type ScenarioRunner } from '../shared/scenario-runner.js';
import { fromScenarioJson, indicatorsFor, resolveChoice, toScenarioDocument } from '../shared/scenario-doc.js';
import {
  decodeState,
  encodeState,
  initialState,
  MAX_SCENARIOS,
  scenarioName,
  type PlaygroundState,
} from './playground-state.js';
import '../shared/style.css';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const state: PlaygroundState = decodeState(location.hash) ?? initialState(browserLanguage());
let region: Extract<RegionOutcome, { ok: true }> | null = null;
let runner: ScenarioRunner | null = null;
let viewer: Viewer | null = null;
let results: ScenarioResult[] = [];
let controller: AbortController | null = null;
let runCount = 0;
let cancelledCount = 0;
let regionNotice: { key: MessageKey; lines: string[]; error: boolean } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function browserLanguage(): Language {
  return navigator.language.startsWith('ru') ? 'ru' : navigator.language.startsWith('kk') ? 'kk' : 'en';
}

const tr = (key: MessageKey, values?: Record<string, string | number>) => t(state.language, key, values);

/** Writes the state into the URL and (after a short pause, so a dragged slider is one run) recomputes. */
function commit(options: { rerun?: boolean; immediate?: boolean; controls?: boolean } = {}): void {
  history.replaceState(null, '', encodeState(state));
  // A parameter edit leaves the controls as they are, so that a dragged slider keeps its grip.
  if (options.controls !== false) renderControls();
  if (options.rerun === false) {
    renderResults();
    return;
  }
  clearTimeout(timer);
  if (options.immediate) void recompute();
  else timer = setTimeout(() => void recompute(), 120);
}

// ---------------------------------------------------------------- region

async function useRegion(outcome: RegionOutcome, id: string): Promise<void> {
  if (!outcome.ok) {
    regionNotice = { key: 'regionProblems', lines: outcome.problems, error: true };
    renderRegion();
    return;
  }
  controller?.abort();
  runner?.dispose();
  region = outcome;
  state.region = id;
  regionNotice = outcome.warnings.length ? { key: 'regionWarnings', lines: outcome.warnings, error: false } : null;
  results = [];
  runner = await createScenarioRunner(outcome.model, 1);
  await viewer?.setRegion(outcome.model);
  renderRegion();
  commit({ immediate: true });
}

function regionPath(): string {
  return state.region === EMBEDDED_REGION_ID ? EMBEDDED_REGION_PATH : './region.json';
}

function renderRegion(): void {
  const box = $('#region-status');
  fill(box);
  if (region) {
    const m: RegionModel = region.model;
    let people = 0;
    for (let i = 0; i < m.demand.count; i++) people += m.demand.population[i];
    box.append(
      h(
        'p',
        { class: 'region-summary' },
        tr('regionLoaded', {
          name: m.name,
          districts: m.districts.count,
          demand: m.demand.count,
          facilities: m.facilities.count,
          people: formatValue(people, 'people', state.language),
        }),
      ),
    );
  }
  if (regionNotice) {
    box.append(
      h(
        'div',
        {
          class: regionNotice.error ? 'problems error' : 'problems warning',
          role: 'alert',
          'data-testid': 'region-problems',
        },
        h('p', {}, tr(regionNotice.key, { count: regionNotice.lines.length })),
        h('ul', {}, ...regionNotice.lines.slice(0, 50).map((line) => h('li', {}, line))),
        regionNotice.lines.length > 50 ? h('p', {}, `… +${regionNotice.lines.length - 50}`) : null,
      ),
    );
  }
  const select = $<HTMLSelectElement>('#region-select');
  fill(
    select,
    h('option', { value: EMBEDDED_REGION_ID, selected: state.region === EMBEDDED_REGION_ID }, tr('embeddedRegion')),
    state.region !== EMBEDDED_REGION_ID && region
      ? h('option', { value: state.region, selected: true }, `${tr('customRegion')}: ${region.model.name}`)
      : null,
  );
}

async function onFiles(files: File[]): Promise<void> {
  if (!files.length) return;
  regionNotice = { key: 'regionLoading', lines: [], error: false };
  renderRegion();
  const outcome = await loadRegionInWorker(files);
  await useRegion(outcome, 'custom');
}

// ---------------------------------------------------------------- running

async function recompute(): Promise<void> {
  if (!runner || !region) return;
  controller?.abort();
  const own = new AbortController();
  controller = own;
  const signal = own.signal;
  const active = state.scenarios.filter((s) => s.interventions.length || s.changes?.length);
  if (active.length === 0) {
    results = [];
    setStatus('noTemplates', undefined, 'idle');
    renderResults();
    return;
  }
  const indicators = indicatorsFor(state.scenarios);
  const docs = state.scenarios.map((draft) => toScenarioDocument(draft, state.settings, indicators, regionPath()));
  const progress = docs.map(() => 0);
  const started = performance.now();
  // Progress comes through its own message port and may arrive after the result: ignore it then.
  let finished = false;
  setStatus('preparing', { scenario: docs[0].name }, 'running', 0);
  const outcomes = await Promise.allSettled(
    docs.map((doc, i) =>
      runner!.run(doc, {
        signal,
        onProgress: (p) => {
          if (signal.aborted || finished) return;
          progress[i] = p.total ? p.done / p.total : 0;
          const share = progress.reduce((a, b) => a + b, 0) / docs.length;
          setStatus(
            p.phase === 'preparing' ? 'preparing' : 'running',
            { scenario: p.scenario, done: p.done, total: p.total },
            'running',
            share,
          );
        },
      }),
    ),
  );
  finished = true;
  if (signal.aborted) {
    cancelledCount++;
    document.body.dataset.cancelled = String(cancelledCount);
    return;
  }
  const failed = outcomes.find((o) => o.status === 'rejected' && !isAbortError(o.reason));
  if (failed && failed.status === 'rejected') {
    const message = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    setStatus('failed', { message }, 'error');
    results = [];
    renderResults();
    return;
  }
  if (outcomes.some((o) => o.status === 'rejected')) return;
  results = outcomes.map((o) => (o as PromiseFulfilledResult<ScenarioResult>).value);
  runCount++;
  setStatus('done', { ms: Math.round(performance.now() - started) }, 'ready', 1);
  renderResults();
}

/** The last status shown, kept so that a language switch can say it again. */
let lastStatus: { key: MessageKey; values?: Record<string, string | number>; status: string; share?: number } | null =
  null;

function setStatus(
  key: MessageKey,
  values: Record<string, string | number> | undefined,
  status: 'idle' | 'running' | 'ready' | 'error',
  share?: number,
): void {
  lastStatus = { key, values, status, share };
  document.body.dataset.status = status;
  document.body.dataset.runs = String(runCount);
  $('#status-text').textContent = tr(key, values);
  $('#status').className = `status ${status}`;
  const bar = $<HTMLProgressElement>('#progress');
  bar.hidden = share === undefined || status !== 'running';
  if (share !== undefined) bar.value = share;
}

// ---------------------------------------------------------------- controls

function renderControls(): void {
  document.documentElement.lang = state.language;
  $('#title').textContent = tr('appTitle');
  $('#subtitle').textContent = tr('appSubtitle');
  $('#label-language').textContent = tr('language');
  $('#label-region').textContent = tr('region');
  $('#drop-hint').textContent = tr('dropHint');
  $('#label-files').textContent = tr('chooseFiles');
  $('#label-folder').textContent = tr('chooseFolder');
  $('#heading-scenarios').textContent = tr('scenarios');
  $('#heading-library').textContent = tr('templates');
  $('#heading-indicators').textContent = tr('indicators');
  $('#heading-map').textContent = tr('map');
  $('#heading-district').textContent = tr('byDistrict');
  $('#heading-year').textContent = tr('byYear');
  $('#save').textContent = tr('save');
  $('#label-load').textContent = tr('load');
  $('#share').textContent = tr('share');
  $<HTMLSelectElement>('#language').value = state.language;
  renderSettings();
  renderScenarioTabs();
  renderScenarioEditor();
  renderLibrary();
}

function renderSettings(): void {
  const s = state.settings;
  const box = $('#settings');
  const yearInput = (key: 'start' | 'end') =>
    h('input', {
      type: 'number',
      id: `year-${key}`,
      min: 2000,
      max: 2100,
      step: 1,
      value: s.years[key],
      onchange: (event: Event) => {
        const value = Math.round(Number((event.target as HTMLInputElement).value));
        if (!Number.isFinite(value) || value < 2000 || value > 2100) return commit({ rerun: false });
        s.years[key] = value;
        if (s.years.end < s.years.start) s.years[key === 'start' ? 'end' : 'start'] = value;
        if (s.years.end - s.years.start > 30) s.years.end = s.years.start + 30;
        // Opening years stay inside the modelled years.
        for (const draft of state.scenarios) {
          for (const choice of draft.interventions) {
            if (choice.year !== undefined) choice.year = Math.min(s.years.end, Math.max(s.years.start, choice.year));
          }
        }
        commit();
      },
    });
  fill(
    box,
    h('label', { for: 'year-start' }, tr('years')),
    h('div', { class: 'param-inputs' }, yearInput('start'), '–', yearInput('end')),
    h('label', { for: 'growth' }, tr('growth')),
    h('input', {
      type: 'number',
      id: 'growth',
      min: -5,
      max: 10,
      step: 0.1,
      value: Math.round(s.populationGrowthPerYear * 1000) / 10,
      onchange: (event: Event) => {
        const value = Number((event.target as HTMLInputElement).value);
        if (!Number.isFinite(value) || value < -5 || value > 10) return commit({ rerun: false });
        s.populationGrowthPerYear = value / 100;
        commit();
      },
    }),
  );
}

function renderScenarioTabs(): void {
  const tabs = $('#scenario-tabs');
  fill(
    tabs,
    ...state.scenarios.map((s, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: i === state.active ? 'tab active' : 'tab',
          'aria-selected': String(i === state.active),
          style: `border-bottom-color:${SERIES_COLORS[i + 1]}`,
          'data-testid': `scenario-tab-${i}`,
          onclick: () => {
            state.active = i;
            if (state.compareWith === i) state.compareWith = i === 0 ? 1 : 0;
            commit({ rerun: false });
          },
        },
        s.name,
      ),
    ),
    state.scenarios.length < MAX_SCENARIOS
      ? h(
          'button',
          {
            type: 'button',
            class: 'tab add',
            'data-testid': 'add-scenario',
            onclick: () => {
              const copy = structuredClone(state.scenarios[state.active]);
              copy.name = scenarioName(state.language, state.scenarios.length);
              state.scenarios.push(copy);
              state.compareWith = state.active;
              state.active = state.scenarios.length - 1;
              commit();
            },
          },
          `+ ${tr('addScenario')}`,
        )
      : null,
  );
}

function renderScenarioEditor(): void {
  const draft = state.scenarios[state.active];
  const box = $('#scenario-editor');
  const name = h('input', {
    type: 'text',
    id: 'scenario-name',
    value: draft.name,
    maxlength: 80,
    onchange: (event: Event) => {
      draft.name = (event.target as HTMLInputElement).value.trim() || scenarioName(state.language, state.active);
      commit();
    },
  });
  const choices = draft.interventions.map((choice, k) => {
    const template = getTemplate(choice.template);
    if (!template) {
      return h('div', { class: 'choice missing' }, `${choice.template}: not in this build of the library`);
    }
    const years: number[] = [];
    for (let y = state.settings.years.start; y <= state.settings.years.end; y++) years.push(y);
    // With many solutions in a scenario, only the last one added stays unfolded.
    const open = draft.interventions.length <= 3 || k === draft.interventions.length - 1;
    return h(
      'details',
      { class: 'choice', 'data-template': template.id, open },
      h('summary', {}, h('strong', {}, localized(template.title, state.language))),
      h(
        'div',
        { class: 'choice-head' },
        h('small', { class: 'category' }, categoryName(template.category, state.language)),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              draft.interventions.splice(k, 1);
              commit();
            },
          },
          tr('removeTemplate'),
        ),
      ),
      parameterControls(
        template,
        choice.params,
        (param, value, final) => {
          choice.params = { ...choice.params, [param]: value };
          commit({ immediate: final, controls: false });
        },
        `s${state.active}-c${k}`,
      ),
      h(
        'div',
        { class: 'param' },
        h('label', { for: `s${state.active}-c${k}-year` }, tr('year')),
        h(
          'select',
          {
            id: `s${state.active}-c${k}-year`,
            onchange: (event: Event) => {
              choice.year = Number((event.target as HTMLSelectElement).value);
              commit();
            },
          },
          ...years.map((y) => h('option', { value: y, selected: y === (choice.year ?? years[0]) }, String(y))),
        ),
      ),
    );
  });
  fill(
    box,
    h('div', { class: 'param' }, h('label', { for: 'scenario-name' }, tr('scenarioName')), name),
    ...choices,
    draft.changes?.length ? h('p', { class: 'hint' }, `+ ${draft.changes.length} ${tr('changes')}`) : null,
    draft.interventions.length === 0 && !draft.changes?.length ? h('p', { class: 'hint' }, tr('noTemplates')) : null,
    state.scenarios.length > 1
      ? h(
          'button',
          {
            type: 'button',
            class: 'small',
            'data-testid': 'remove-scenario',
            onclick: () => {
              state.scenarios.splice(state.active, 1);
              state.active = Math.min(state.active, state.scenarios.length - 1);
              state.compareWith = Math.min(state.compareWith, state.scenarios.length - 1);
              commit();
            },
          },
          tr('removeScenario'),
        )
      : null,
  );
}

function renderLibrary(): void {
  const list = $('#library');
  const profile = region ? profileOf(region.model) : null;
  // Grouped by category, in the order the template contract lists the categories.
  const templates = [...TEMPLATES].sort(
    (a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category),
  );
  fill(
    list,
    ...templates.flatMap((template: SolutionTemplate, i) => [
      i === 0 || templates[i - 1].category !== template.category
        ? h('li', { class: 'category-heading' }, categoryName(template.category, state.language))
        : null,
      h(
        'li',
        { class: 'template', 'data-template': template.id },
        h(
          'div',
          { class: 'choice-head' },
          h('strong', {}, localized(template.title, state.language)),
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'data-testid': `add-${template.id}`,
              onclick: () => {
                const adapted = profile ? template.adapt(profile) : {};
                const choice = resolveChoice({
                  template: template.id,
                  params: adapted as Record<string, unknown>,
                  year: state.settings.years.start,
                });
                state.scenarios[state.active].interventions.push(choice);
                commit();
              },
            },
            `+ ${tr('addTemplate')}`,
          ),
        ),
        h('p', {}, localized(template.description, state.language)),
      ),
    ]),
  );
}

const CATEGORY_ORDER: readonly SolutionTemplate['category'][] = [
  'digital-access',
  'public-services',
  'health',
  'safety',
  'mobility',
  'energy',
  'environment',
  'urban-development',
];

const profiles = new WeakMap<RegionModel, TerritoryProfile>();

/** The territory profile of a model (computed once per model), for the templates' adapt(). */
function profileOf(model: RegionModel): TerritoryProfile {
  let profile = profiles.get(model);
  if (!profile) {
    profile = computeTerritoryProfile(model);
    profiles.set(model, profile);
  }
  return profile;
}

// ---------------------------------------------------------------- results

function selectedIndicator(): number {
  if (!results.length) return -1;
  const index = results[0].indicators.findIndex((i) => indicatorKey(i) === state.indicator);
  return index >= 0 ? index : 0;
}

function renderResults(): void {
  const table = $('#indicator-table');
  const mapControls = $('#map-controls');
  if (!results.length) {
    fill(table);
    fill($('#chart-district'));
    fill($('#chart-year'));
    fill($('#chart-legend'));
    fill(mapControls);
    viewer?.setResult(null);
    return;
  }
  const index = selectedIndicator();
  const key = indicatorKey(results[0].indicators[index]);
  fill(
    table,
    indicatorTable(results, state.language, key, (k) => {
      state.indicator = k;
      commit({ rerun: false });
    }),
  );
  renderMapControls(index);
  renderCharts(index);
  if (viewer) {
    const active = results[state.active] ?? results[0];
    const other = results[state.compareWith];
    const compareTo =
      state.view === 'baseline' ? 'baseline' : state.view === 'compare' && other && other !== active ? other : null;
    viewer.setResult(active, { compareTo, indicator: index });
  }
}

function renderMapControls(index: number): void {
  const box = $('#map-controls');
  const indicatorSelect = h(
    'select',
    {
      id: 'map-indicator',
      'aria-label': tr('indicator'),
      onchange: (event: Event) => {
        state.indicator = (event.target as HTMLSelectElement).value;
        commit({ rerun: false });
      },
    },
    ...results[0].indicators.map((indicator, i) =>
      h('option', { value: indicatorKey(indicator), selected: i === index }, indicatorLabel(indicator, state.language)),
    ),
  );
  const radio = (view: PlaygroundState['view'], label: string) =>
    h(
      'label',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        name: 'view',
        value: view,
        checked: state.view === view,
        'data-testid': `view-${view}`,
        onchange: () => {
          state.view = view;
          commit({ rerun: false });
        },
      }),
      label,
    );
  const others = state.scenarios.map((s, i) => ({ s, i })).filter(({ i }) => i !== state.active);
  fill(
    box,
    indicatorSelect,
    radio('single', tr('viewSingle')),
    radio('baseline', tr('viewBaseline')),
    others.length ? radio('compare', tr('viewCompare')) : null,
    others.length
      ? h(
          'select',
          {
            id: 'compare-with',
            'aria-label': tr('viewCompare'),
            onchange: (event: Event) => {
              state.compareWith = Number((event.target as HTMLSelectElement).value);
              state.view = 'compare';
              commit({ rerun: false });
            },
          },
          ...others.map(({ s, i }) => h('option', { value: i, selected: i === state.compareWith }, s.name)),
        )
      : null,
  );
}

function renderCharts(index: number): void {
  const first = results[0].indicators[index];
  const names = first.byDistrict.map((d) => d.name);
  const series: ChartSeries[] = [
    { name: tr('baseline'), color: SERIES_COLORS[0], values: first.byDistrict.map((d) => d.baseline) },
    ...results.map((r, i) => ({
      name: r.scenario,
      color: SERIES_COLORS[i + 1],
      values: r.indicators[index].byDistrict.map((d) => d.scenario),
    })),
  ];
  drawLegend($('#chart-legend'), series);
  drawDistrictBars($('#chart-district'), names, series, first.unit, state.language);
  const years = first.byYear.map((y) => y.year);
  drawYearLines(
    $('#chart-year'),
    years,
    [
      { name: tr('baseline'), color: SERIES_COLORS[0], values: first.byYear.map((y) => y.baseline) },
      ...results.map((r, i) => ({
        name: r.scenario,
        color: SERIES_COLORS[i + 1],
        values: r.indicators[index].byYear.map((y) => y.scenario),
      })),
    ],
    first.unit,
    state.language,
  );
  $('#chart-title').textContent = indicatorLabel(first, state.language);
}

// ---------------------------------------------------------------- save / load

function saveScenario(): void {
  const draft = state.scenarios[state.active];
  const doc = toScenarioDocument(draft, state.settings, indicatorsFor(state.scenarios), regionPath());
  const file = `${draft.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'scenario'}.json`;
  download(file, `${JSON.stringify(doc, null, 2)}\n`);
}

async function loadScenario(file: File): Promise<void> {
  try {
    const { draft, settings } = fromScenarioJson(await file.text(), file.name);
    state.scenarios[state.active] = draft;
    state.settings = settings;
    commit({ immediate: true });
  } catch (error) {
    setStatus('loadFailed', { message: error instanceof Error ? error.message : String(error) }, 'error');
  }
}

// ---------------------------------------------------------------- start

function wire(): void {
  const language = $<HTMLSelectElement>('#language');
  fill(language, ...LANGUAGES.map((l) => h('option', { value: l.id }, l.name)));
  language.addEventListener('change', () => {
    state.language = language.value as Language;
    commit({ rerun: false });
    renderRegion();
    if (lastStatus) {
      const { key, values, status, share } = lastStatus;
      setStatus(key, values, status as Parameters<typeof setStatus>[2], share);
    }
  });
  $<HTMLSelectElement>('#region-select').addEventListener('change', (event) => {
    if ((event.target as HTMLSelectElement).value === EMBEDDED_REGION_ID) {
      void loadRegionInWorker('embedded').then((o) => useRegion(o, EMBEDDED_REGION_ID));
    }
  });
  for (const id of ['#files', '#folder']) {
    const input = $<HTMLInputElement>(id);
    input.addEventListener('change', () => {
      void onFiles(Array.from(input.files ?? []));
      input.value = '';
    });
  }
  const drop = $('#drop-zone');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    void droppedFiles(event.dataTransfer).then(onFiles);
  });
  $('#save').addEventListener('click', saveScenario);
  const load = $<HTMLInputElement>('#load');
  load.addEventListener('change', () => {
    const file = load.files?.[0];
    if (file) void loadScenario(file);
    load.value = '';
  });
  $('#share').addEventListener('click', () => {
    history.replaceState(null, '', encodeState(state));
    void navigator.clipboard?.writeText(location.href).catch(() => undefined);
    setStatus('linkCopied', undefined, document.body.dataset.status === 'error' ? 'error' : 'ready');
  });
  window.addEventListener('resize', () => {
    if (results.length) renderCharts(selectedIndicator());
  });
}

/** The files of a drop, folders walked (Chromium's webkitGetAsEntry), with their relative paths. */
async function droppedFiles(transfer: DataTransfer | null): Promise<File[]> {
  if (!transfer) return [];
  const entries = Array.from(transfer.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return Array.from(transfer.files);
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push(file);
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      let batch: FileSystemEntry[];
      do {
        batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        for (const child of batch) await walk(child);
      } while (batch.length);
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

async function start(): Promise<void> {
  wire();
  renderControls();
  setStatus('regionLoading', undefined, 'running');
  viewer = createViewer($('#viewer'), { extrudeDistricts: false });
  const customInUrl = state.region !== EMBEDDED_REGION_ID;
  await useRegion(await loadRegionInWorker('embedded'), EMBEDDED_REGION_ID);
  if (customInUrl) {
    regionNotice = { key: 'customRegionInUrl', lines: [], error: false };
    renderRegion();
  }
  // For the end-to-end tests and the curious: the live state, read-only by convention.
  (window as unknown as { playground: unknown }).playground = {
    get state() {
      return state;
    },
    get results() {
      return results;
    },
    get viewer() {
      return viewer;
    },
  };
}

void start();
