// The articles view: full-text search, or the list of stored articles.

import { ar, cut, h, segments } from './dom.js';
import { get } from './api.js';
import { t } from './i18n.js';
import { docHref } from './table.js';

function snippet(hit) {
  const out = ar('p', null, { class: 'snippet' });
  const spans = hit.highlights.map(([start, end]) => ({ start, end }));
  for (const piece of segments(hit.snippet, spans)) {
    out.append(piece.spans.length ? h('mark', {}, piece.text) : document.createTextNode(piece.text));
  }
  return out;
}

export async function renderDocuments(host, params, go) {
  const q = params.get('q') || '';
  const offset = Number(params.get('offset') || 0);
  const input = h('input', { type: 'search', name: 'q', value: q, placeholder: t('searchHint'), dir: 'auto',
    maxlength: 200, 'aria-label': t('search') });
  host.append(h('form', { class: 'card search-form', onsubmit: (ev) => { ev.preventDefault(); go({ q: input.value.trim() }); } },
    input, h('button', { type: 'submit' }, t('search')),
    q ? h('a', { href: '#/docs' }, t('allArticles')) : null));
  const results = h('section', { class: 'card' }, h('p', { class: 'loading' }, t('loading')));
  host.append(results);
  if (q) {
    const found = await get('/api/search', { q, limit: 50 });
    results.replaceChildren(...(found.items.length ? found.items.map((hit) => h('article', { class: 'hit' },
      h('a', { href: docHref(hit.id), class: 'open-doc' }, hit.title ? ar('span', hit.title) : hit.id),
      snippet(hit))) : [h('p', { class: 'empty' }, t('noResults'))]));
    return;
  }
  const page = await get('/api/documents', { limit: 50, offset });
  results.replaceChildren(h('table', { class: 'documents' },
    h('thead', {}, h('tr', {}, h('th', {}, t('colDate')), h('th', {}, t('colTitle')), h('th', {}, t('outlet')),
      h('th', {}, t('colEvents')))),
    h('tbody', {}, page.items.map((d) => h('tr', {},
      h('td', { class: 'nowrap' }, d.pub_date || '—'),
      h('td', {}, h('a', { href: docHref(d.id), class: 'open-doc' }, d.title ? ar('span', cut(d.title, 120)) : d.id)),
      h('td', {}, d.outlet || ''),
      h('td', {}, String(d.n_events)))))),
  h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - 50) }) }, t('prev')),
    h('span', {}, t('rows', { a: page.items.length ? offset + 1 : 0, b: offset + page.items.length })),
    h('button', { type: 'button', disabled: page.next_offset === null, onclick: () => go({ offset: page.next_offset }) }, t('next'))));
}
