/**
 * Controls for a template's parameters, built from its parameter schema: a slider and a number
 * box with the unit and the allowed range for numbers, a checkbox for booleans, a list for
 * strings with allowed values and a text box for free-text strings. Nothing here knows any particular template.
 */
import type { ParameterSpec, SolutionTemplate } from '@regiontwin/templates';
import { h } from './dom.js';

/** Step of a numeric control: 1 for integers; for numbers, a round step of about 1/100 of the range. */
export function stepOf(spec: ParameterSpec): number {
  if (spec.type === 'integer') return 1;
  if (spec.minimum === undefined || spec.maximum === undefined) return 0.1;
  const raw = (spec.maximum - spec.minimum) / 100;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return step >= 1 ? Math.round(step) : step;
}

/** A value brought inside the parameter's range (and to a whole number for integers). */
export function clampParameter(spec: ParameterSpec, value: number): number {
  let v = spec.type === 'integer' ? Math.round(value) : value;
  if (spec.minimum !== undefined) v = Math.max(spec.minimum, v);
  if (spec.maximum !== undefined) v = Math.min(spec.maximum, v);
  return v;
}

/**
 * Builds the controls of every parameter of `template`, showing `params`; `onChange` gets the
 * parameter's name, its new (valid) value, and whether the edit is final (a typed value, a
 * checkbox, a list choice) rather than one step of a dragged slider.
 */
export function parameterControls(
  template: SolutionTemplate,
  params: Record<string, unknown>,
  onChange: (name: string, value: unknown, final: boolean) => void,
  idPrefix: string,
): HTMLElement {
  const list = h('div', { class: 'params' });
  for (const [name, spec] of Object.entries(template.parameters) as [string, ParameterSpec][]) {
    const id = `${idPrefix}-${name}`;
    const value = params[name] ?? spec.default;
    const unit = spec.unit ? ` (${spec.unit})` : '';
    const label = h('label', { for: id, title: spec.description }, `${name}${unit}`);
    if (spec.type === 'number' || spec.type === 'integer') {
      const range = `${spec.minimum ?? '−∞'} … ${spec.maximum ?? '∞'}${spec.unit ? ' ' + spec.unit : ''}`;
      const attrs = {
        min: spec.minimum,
        max: spec.maximum,
        step: stepOf(spec),
        value: Number(value),
      };
      const slider = h('input', { type: 'range', id: `${id}-range`, 'aria-label': name, ...attrs });
      const box = h('input', { type: 'number', id, 'data-param': name, ...attrs });
      slider.addEventListener('input', () => {
        box.value = slider.value;
        onChange(name, clampParameter(spec, Number(slider.value)), false);
      });
      box.addEventListener('change', () => {
        const v = Number(box.value);
        if (box.value === '' || !Number.isFinite(v)) {
          box.value = String(params[name] ?? spec.default);
          return;
        }
        const clamped = clampParameter(spec, v);
        box.value = String(clamped);
        slider.value = String(clamped);
        onChange(name, clamped, true);
      });
      list.append(
        h(
          'div',
          { class: 'param' },
          label,
          h('div', { class: 'param-inputs' }, slider, box),
          h('small', { class: 'param-help' }, `${spec.description} [${range}]`),
        ),
      );
    } else if (spec.type === 'boolean') {
      const box = h('input', { type: 'checkbox', id, 'data-param': name, checked: value === true });
      box.addEventListener('change', () => onChange(name, box.checked, true));
      list.append(
        h('div', { class: 'param' }, h('div', { class: 'param-inputs' }, box, label), h('small', {}, spec.description)),
      );
    } else if (!spec.enum) {
      // A free-text parameter (e.g. bus-line's list of stops): typed, committed on change.
      const box = h('input', { type: 'text', id, 'data-param': name, value: String(value) });
      box.addEventListener('change', () => onChange(name, box.value, true));
      list.append(h('div', { class: 'param' }, label, box, h('small', { class: 'param-help' }, spec.description)));
    } else {
      const select = h(
        'select',
        { id, 'data-param': name },
        ...spec.enum.map((option) => h('option', { value: option, selected: option === value }, option)),
      );
      select.addEventListener('change', () => onChange(name, select.value, true));
      list.append(h('div', { class: 'param' }, label, select, h('small', {}, spec.description)));
    }
  }
  return list;
}
