/**
 * The indicator table: one row per indicator, the shared baseline, then each scenario's value
 * and its change; the best scenario of an indicator with a direction is marked.
 */
import { compareScenarios, indicatorKey, type ScenarioResult } from '@regiontwin/core';
import { SERIES_COLORS } from './charts.js';
import { h } from './dom.js';
import { formatDelta, formatUnit, formatValue } from './format.js';
import { indicatorLabel, t, type Language } from './i18n.js';

/**
 * Builds the table of `results` (one region). Rows carry `data-indicator` (the indicator key);
 * scenario cells carry `data-scenario` (the column index) and the raw value in `data-value`.
 * @param onSelect called with an indicator key when its row is clicked
 */
export function indicatorTable(
  results: readonly ScenarioResult[],
  language: Language,
  selected: string,
  onSelect?: (key: string) => void,
): HTMLTableElement {
  const comparison = compareScenarios(results);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t(language, 'indicator')),
    h('th', { scope: 'col' }, t(language, 'unit')),
    h('th', { scope: 'col', class: 'num' }, t(language, 'baseline')),
    ...results.map((r, i) =>
      h(
        'th',
        { scope: 'col', class: 'num', colspan: 2 },
        h('i', { class: 'swatch', style: `background:${SERIES_COLORS[i + 1]}` }),
        r.scenario,
      ),
    ),
  );
  const rows = comparison.indicators.map((indicator) => {
    const source = results[0].indicators.find((r) => indicatorKey(r) === indicator.key);
    const label = source ? indicatorLabel(source, language) : indicator.label;
    const row = h(
      'tr',
      {
        'data-indicator': indicator.key,
        class: indicator.key === selected ? 'selected' : undefined,
        tabindex: 0,
        onclick: () => onSelect?.(indicator.key),
        onkeydown: (event: Event) => {
          if ((event as KeyboardEvent).key === 'Enter') onSelect?.(indicator.key);
        },
      },
      h('th', { scope: 'row' }, label),
      h('td', {}, formatUnit(indicator.unit, language)),
      h('td', { class: 'num' }, formatValue(indicator.baseline, indicator.unit, language)),
    );
    indicator.values.forEach((value, i) => {
      const good =
        value.delta === null || value.delta === 0 || indicator.better === 'none'
          ? ''
          : value.delta > 0 === (indicator.better === 'higher')
            ? 'good'
            : 'bad';
      const best = value.rank === 1 && results.length > 1 ? ` ★` : '';
      row.append(
        h(
          'td',
          {
            class: 'num value',
            'data-scenario': i,
            'data-value': value.value ?? '',
            title: best ? t(language, 'best') : undefined,
          },
          formatValue(value.value, indicator.unit, language) + best,
        ),
        h('td', { class: `num delta ${good}` }, formatDelta(value.delta, indicator.unit, language)),
      );
    });
    return row;
  });
  return h('table', { class: 'indicators' }, h('thead', {}, head), h('tbody', {}, ...rows));
}
