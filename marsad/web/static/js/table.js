// The event table: one row per coded event, linking to its article.

import { ar, cut, h } from './dom.js';
import { query } from './api.js';
import { typeColor } from './codes.js';
import { modalityName, sectorName, t, typeName } from './i18n.js';

export function docHref(docId, eventIdx) {
  return `#/doc/${encodeURIComponent(docId)}${eventIdx === undefined ? '' : `?event=${eventIdx}`}`;
}

/** An actor cell: canonical name and codes, then the Arabic words the article used. */
export function actorCell(name, country, sector, text) {
  const codes = [country, sectorName(sector)].filter(Boolean).join(' · ');
  return h('div', { class: 'actor' },
    name ? h('span', { class: 'actor-name' }, name) : null,
    codes ? h('span', { class: 'codes' }, codes) : null,
    text ? ar('span', text, { class: 'surface' }) : null);
}

export function typeBadge(type) {
  return h('span', { class: 'badge', style: { borderColor: typeColor(type) } },
    h('span', { class: 'swatch', style: { backgroundColor: typeColor(type) } }), typeName(type));
}

export function renderEventTable(host, page, filters, onPage) {
  const { items, offset, limit, next_offset: nextOffset } = page;
  if (!items.length) {
    host.append(h('p', { class: 'empty' }, t('noEvents')));
    return;
  }
  const rows = items.map((e) => h('tr', { 'data-doc': e.doc_id, 'data-idx': e.idx },
    h('td', { class: 'nowrap' }, e.date || '—'),
    h('td', {}, typeBadge(e.type)),
    h('td', {}, actorCell(e.source_name, e.source_country, e.source_sector, e.source_text)),
    h('td', {}, e.target_text || e.target_name ? actorCell(e.target_name, e.target_country, e.target_sector, e.target_text) : '—'),
    h('td', {}, modalityName(e.modality)),
    h('td', {}, e.location_name ? `${e.location_name}${e.location_country ? ` (${e.location_country})` : ''}` : '—'),
    h('td', { class: 'evidence-cell' }, e.evidence_text ? ar('span', cut(e.evidence_text, 160), { title: e.evidence_text }) : '—'),
    h('td', {}, h('a', { href: docHref(e.doc_id, e.idx), class: 'open-doc' },
      e.title ? ar('span', cut(e.title, 60)) : e.doc_id))));
  host.append(h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
    h('thead', {}, h('tr', {}, ['colDate', 'colType', 'colSource', 'colTarget', 'colModality', 'colPlace',
      'colEvidence', 'colArticle'].map((key) => h('th', { scope: 'col' }, t(key))))),
    h('tbody', {}, rows))));

  const params = query(filters);
  const sep = params ? '&' : '?';
  host.append(h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: offset === 0, onclick: () => onPage(Math.max(0, offset - limit)) }, t('prev')),
    h('span', {}, t('rows', { a: offset + 1, b: offset + items.length })),
    h('button', { type: 'button', disabled: nextOffset === null, onclick: () => onPage(nextOffset) }, t('next')),
    h('span', { class: 'downloads' }, t('download'),
      h('a', { href: `/api/events/download${params}${sep}format=csv`, download: 'marsad-events.csv' }, 'CSV'),
      h('a', { href: `/api/events/download${params}${sep}format=jsonl`, download: 'marsad-events.jsonl' }, 'JSONL'))));
}
