// The event filter bar. Values live in the page address (#/?type=…), so a
// filtered view can be bookmarked and the back button works.

import { h } from './dom.js';
import { MODALITIES, TYPES } from './codes.js';
import { modalityName, t, typeName } from './i18n.js';

export const FILTER_KEYS = ['type', 'actor', 'country', 'from', 'to', 'modality', 'story'];

export function filtersFrom(params) {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) || '']));
}

function select(name, label, value, options) {
  return h('label', {}, h('span', {}, label),
    h('select', { name }, h('option', { value: '' }, t('any')),
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function input(name, label, value, attrs = {}) {
  return h('label', {}, h('span', {}, label), h('input', { name, value, ...attrs }));
}

/** The filter form; ``apply`` gets the new filter values. */
export function filterForm(filters, meta, apply) {
  const actorList = h('datalist', { id: 'actor-names' },
    meta.actors.filter((a) => a.name).map((a) => h('option', { value: a.name })));
  const countryList = h('datalist', { id: 'country-codes' },
    [...new Set(meta.actors.map((a) => a.country).filter(Boolean))].sort().map((c) => h('option', { value: c })));
  const form = h('form', { class: 'filters card', role: 'search' },
    select('type', t('fType'), filters.type, TYPES.map((type) => [type, typeName(type)])),
    input('actor', t('fActor'), filters.actor, { list: 'actor-names', placeholder: t('actorHint'), maxlength: 200, dir: 'auto' }),
    input('country', t('fCountry'), filters.country, { list: 'country-codes', placeholder: t('countryHint'), maxlength: 5, size: 6 }),
    input('from', t('fFrom'), filters.from, { type: 'date' }),
    input('to', t('fTo'), filters.to, { type: 'date' }),
    select('modality', t('fModality'), filters.modality, MODALITIES.map((m) => [m, modalityName(m)])),
    meta.stories.length ? select('story', t('fStory'), filters.story,
      meta.stories.map((st) => [st.id, `${st.label_ar || st.label_en || st.id} (${st.n_docs})`])) : null,
    h('div', { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('button', { type: 'button', onclick: () => apply({}) }, t('reset'))),
    actorList, countryList);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    apply(Object.fromEntries(FILTER_KEYS.map((key) => [key, String(data.get(key) || '').trim()])));
  });
  return form;
}
