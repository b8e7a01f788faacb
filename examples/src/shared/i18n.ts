/**
 * Interface text of the examples in English and Russian, and the language of template titles
 * (English, Russian or Kazakh, which every template of the library carries).
 */
import type { LocalizedText } from '@regiontwin/templates';

/** The page language. `kk` shows template titles and descriptions in Kazakh, the rest in Russian. */
export type Language = 'en' | 'ru' | 'kk';

/** The languages offered, with their own names. */
export const LANGUAGES: readonly { id: Language; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'ru', name: 'Русский' },
  { id: 'kk', name: 'Қазақша (шаблоны)' },
];

const EN = {
  appTitle: 'regiontwin playground',
  appSubtitle: 'Model a planned change to a region before it is built.',
  language: 'Language',
  region: 'Region',
  embeddedRegion: 'Kazakhstan (embedded: 17 oblasts, 268 settlements)',
  customRegion: 'Your region',
  dropHint:
    'Drop a region folder (region.json + GeoJSON) or GeoJSON files here — districts as polygons, settlements as points with a population — or',
  chooseFiles: 'choose files',
  chooseFolder: 'choose a folder',
  regionLoading: 'Loading the region…',
  regionProblems: 'The region was not loaded: {count} problem(s). Fix them and drop the files again.',
  regionLoaded: '{name}: {districts} districts, {demand} settlements, {facilities} facilities, {people} people',
  regionWarnings: '{count} warning(s)',
  scenarios: 'Scenarios',
  addScenario: 'Add a scenario',
  removeScenario: 'Remove',
  scenarioName: 'Name',
  templates: 'Solutions from the library',
  addTemplate: 'Add',
  removeTemplate: 'Remove',
  parameters: 'Parameters',
  year: 'Year',
  years: 'Years',
  growth: 'Population growth, % per year',
  noTemplates: 'Add a solution from the library to see what it changes.',
  running: 'Computing {scenario}: year {done} of {total}',
  preparing: 'Placing the facilities of {scenario}…',
  done: 'Done in {ms} ms.',
  cancelled: 'Superseded by a newer change.',
  failed: 'The scenario failed: {message}',
  indicators: 'Indicators',
  indicator: 'Indicator',
  baseline: 'Baseline',
  delta: 'Change',
  unit: 'Unit',
  byDistrict: 'By district (final year)',
  byYear: 'By year',
  map: 'Map',
  viewSingle: 'Scenario',
  viewBaseline: 'Before | after',
  viewCompare: 'Compare with',
  save: 'Save scenario JSON',
  load: 'Load scenario JSON',
  share: 'Copy link',
  linkCopied: 'The link is in the address bar (and copied).',
  loadFailed: 'The scenario file was not loaded: {message}',
  customRegionInUrl:
    'The link names your own region, which a link cannot carry: drop its files again. The embedded region is shown.',
  best: 'best',
  changes: 'changes',
  examples: 'Examples',
  open: 'Open',
  storyRun: 'Run it',
  storyTemplateMissing:
    'The template "{id}" is not in this build of the library yet. This page shows its story as soon as it lands in @regiontwin/templates.',
  coefficients: 'Cost and effect coefficients, with their sources',
  source: 'Source',
  value: 'Value',
  interventions: 'Placed by the solution',
  attribution: 'Data',
  adapted: 'Parameters proposed for this territory',
};

/** The keys of the interface text. */
export type MessageKey = keyof typeof EN;

const RU: Record<MessageKey, string> = {
  appTitle: 'Песочница regiontwin',
  appSubtitle: 'Смоделируйте изменение в регионе до того, как оно построено.',
  language: 'Язык',
  region: 'Регион',
  embeddedRegion: 'Казахстан (встроенный: 17 областей, 268 населённых пунктов)',
  customRegion: 'Ваш регион',
  dropHint:
    'Перетащите сюда папку региона (region.json + GeoJSON) или файлы GeoJSON — районы полигонами, населённые пункты точками с численностью — или',
  chooseFiles: 'выберите файлы',
  chooseFolder: 'выберите папку',
  regionLoading: 'Загрузка региона…',
  regionProblems: 'Регион не загружен: проблем — {count}. Исправьте их и перетащите файлы снова.',
  regionLoaded: '{name}: районов {districts}, населённых пунктов {demand}, объектов {facilities}, жителей {people}',
  regionWarnings: 'предупреждений: {count}',
  scenarios: 'Сценарии',
  addScenario: 'Добавить сценарий',
  removeScenario: 'Удалить',
  scenarioName: 'Название',
  templates: 'Решения из библиотеки',
  addTemplate: 'Добавить',
  removeTemplate: 'Удалить',
  parameters: 'Параметры',
  year: 'Год',
  years: 'Годы',
  growth: 'Рост населения, % в год',
  noTemplates: 'Добавьте решение из библиотеки, чтобы увидеть, что оно меняет.',
  running: 'Расчёт «{scenario}»: год {done} из {total}',
  preparing: 'Размещение объектов «{scenario}»…',
  done: 'Готово за {ms} мс.',
  cancelled: 'Заменён более новым изменением.',
  failed: 'Сценарий не рассчитан: {message}',
  indicators: 'Показатели',
  indicator: 'Показатель',
  baseline: 'Сейчас',
  delta: 'Изменение',
  unit: 'Ед.',
  byDistrict: 'По районам (последний год)',
  byYear: 'По годам',
  map: 'Карта',
  viewSingle: 'Сценарий',
  viewBaseline: 'До | после',
  viewCompare: 'Сравнить с',
  save: 'Сохранить сценарий (JSON)',
  load: 'Загрузить сценарий (JSON)',
  share: 'Скопировать ссылку',
  linkCopied: 'Ссылка — в адресной строке (и скопирована).',
  loadFailed: 'Файл сценария не загружен: {message}',
  customRegionInUrl:
    'Ссылка указывает на ваш регион, который ссылка не может передать: перетащите его файлы снова. Показан встроенный регион.',
  best: 'лучший',
  changes: 'изменений',
  examples: 'Примеры',
  open: 'Открыть',
  storyRun: 'Рассчитать',
  storyTemplateMissing:
    'Шаблона «{id}» пока нет в этой сборке библиотеки. Страница покажет его историю, как только он появится в @regiontwin/templates.',
  coefficients: 'Коэффициенты затрат и эффекта с источниками',
  source: 'Источник',
  value: 'Значение',
  interventions: 'Размещено решением',
  attribution: 'Данные',
  adapted: 'Параметры, предложенные для этой территории',
};

/** Interface text in `language` (Kazakh falls back to Russian), with `{name}` placeholders filled. */
export function t(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = language === 'en' ? EN[key] : RU[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A template's text (title or description) in the page language. */
export function localized(text: LocalizedText, language: Language): string {
  return text[language] || text.en;
}

/**
 * The number format locale of a language. Kazakh pages use Russian number formatting (the same
 * conventions: space-grouped thousands, decimal comma), which every browser ships.
 */
export function numberLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : 'ru-RU';
}

/** The facility kinds' names in Russian (others are shown as their id). */
const KIND_RU: Record<string, string> = {
  'it-hub': 'IT-хаба',
  school: 'школы',
  hospital: 'больницы',
  clinic: 'поликлиники',
  library: 'библиотеки',
  'broadband-node': 'узла широкополосного доступа',
  'public-service-center': 'ЦОН',
};

/**
 * An indicator's label in the page language. The core writes English labels; the built-in ids
 * are translated here from their parameters, anything else (custom indicators) stays English.
 */
export function indicatorLabel(
  indicator: { id: string; label: string; params: Record<string, unknown> },
  language: Language,
): string {
  if (language === 'en') return indicator.label;
  const p = indicator.params;
  const kind = typeof p.kind === 'string' ? (KIND_RU[p.kind] ?? `«${p.kind}»`) : '';
  const within = p.meters !== undefined ? `${p.meters} м` : `${p.minutes ?? 30} мин`;
  switch (indicator.id) {
    case 'population-within-travel-time':
    case 'population-within-distance':
      return `Жители в пределах ${within} от ${kind}`;
    case 'mean-travel-time':
      return `Среднее время в пути до ${kind}`;
    case 'coverage-share':
      return `Доля жителей в пределах ${within} от ${kind}`;
    case 'equity':
      return `${p.measure === 'gini' ? 'Джини' : 'Разрыв'} долей районов в пределах ${within} от ${kind}`;
    case 'capex':
      return 'Инвестиции (капитальные затраты) на дату';
    case 'opex-per-year':
      return 'Операционные затраты в год';
    case 'energy-kwh-per-year':
      return 'Изменение потребления электроэнергии в год';
    case 'co2-tonnes-per-year':
      return 'Выбросы CO2 от электроэнергии в год';
    default:
      return indicator.label;
  }
}

const CATEGORIES: Record<string, { en: string; ru: string }> = {
  'digital-access': { en: 'Digital access', ru: 'Цифровой доступ' },
  'public-services': { en: 'Public services', ru: 'Государственные услуги' },
  energy: { en: 'Energy', ru: 'Энергетика' },
  safety: { en: 'Safety', ru: 'Безопасность' },
  mobility: { en: 'Mobility', ru: 'Транспорт' },
  environment: { en: 'Environment', ru: 'Экология' },
  health: { en: 'Health', ru: 'Здравоохранение' },
  'urban-development': { en: 'Urban development', ru: 'Градостроительство' },
};

/** A template category's name in the page language (unknown categories as their id). */
export function categoryName(category: string, language: Language): string {
  const names = CATEGORIES[category];
  return names ? (language === 'en' ? names.en : names.ru) : category;
}
