/**
 * The playground's whole state as plain data, and its round trip through the URL (`#s=…`,
 * base64url of the JSON), so a link opens the same scenarios with the same parameters.
 */
import { type Language } from '../shared/i18n.js';
import { DEFAULT_SETTINGS, type ModelSettings, type ScenarioDraft } from '../shared/scenario-doc.js';

/** At most this many scenarios are compared side by side. */
export const MAX_SCENARIOS = 3;

/** How the map shows the active scenario. */
export type ViewMode = 'single' | 'baseline' | 'compare';

/** Everything the playground shows, enough to rebuild the page. */
export interface PlaygroundState {
  language: Language;
  /** `kz-national` (embedded) or `custom` (dropped files, which a URL cannot carry). */
  region: string;
  settings: ModelSettings;
  /** 1 … MAX_SCENARIOS scenarios. */
  scenarios: ScenarioDraft[];
  /** Index of the scenario being edited and shown on the map. */
  active: number;
  /** Key (id + parameters) of the indicator on the map and in the charts; '' = the first. */
  indicator: string;
  view: ViewMode;
  /** The scenario the active one is compared with on the map (view `compare`). */
  compareWith: number;
}

/** The state of a fresh playground: the embedded region and one empty scenario. */
export function initialState(language: Language = 'en'): PlaygroundState {
  return {
    language,
    region: 'kz-national',
    settings: structuredClone(DEFAULT_SETTINGS),
    scenarios: [{ name: scenarioName(language, 0), interventions: [] }],
    active: 0,
    indicator: '',
    view: 'single',
    compareWith: 0,
  };
}

/** The default name of scenario `index`. */
export function scenarioName(language: Language, index: number): string {
  return `${language === 'en' ? 'Scenario' : 'Сценарий'} ${String.fromCharCode(65 + index)}`;
}

/** The URL hash of a state. */
export function encodeState(state: PlaygroundState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#s=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * The state in a URL hash, or null when there is none or it cannot be read (the page then starts
 * fresh). Fields are checked one by one; anything malformed falls back to its initial value.
 */
export function decodeState(hash: string): PlaygroundState | null {
  const match = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return null;
  let value: unknown;
  try {
    const binary = atob(match[1].replace(/-/g, '+').replace(/_/g, '/'));
    value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<PlaygroundState>;
  const language: Language = v.language === 'ru' || v.language === 'kk' ? v.language : 'en';
  const base = initialState(language);
  const scenarios = Array.isArray(v.scenarios)
    ? v.scenarios
        .slice(0, MAX_SCENARIOS)
        .filter(
          (s): s is ScenarioDraft =>
            !!s && typeof s === 'object' && typeof s.name === 'string' && Array.isArray(s.interventions),
        )
        .map((s) => ({
          ...s,
          interventions: s.interventions.filter(
            (c) => c && typeof c.template === 'string' && c.params && typeof c.params === 'object',
          ),
        }))
    : [];
  const settings = v.settings;
  const validSettings =
    settings &&
    Number.isInteger(settings.years?.start) &&
    Number.isInteger(settings.years?.end) &&
    settings.years.end >= settings.years.start &&
    Number.isFinite(settings.populationGrowthPerYear) &&
    Number.isInteger(settings.seed);
  const count = scenarios.length || 1;
  const index = (n: unknown) =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) < count ? (n as number) : 0;
  return {
    language,
    region: typeof v.region === 'string' ? v.region : base.region,
    settings: validSettings ? settings : base.settings,
    scenarios: scenarios.length ? scenarios : base.scenarios,
    active: index(v.active),
    indicator: typeof v.indicator === 'string' ? v.indicator : '',
    view: v.view === 'baseline' || v.view === 'compare' ? v.view : 'single',
    compareWith: index(v.compareWith),
  };
}
