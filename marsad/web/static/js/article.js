// One article, right-to-left, with each event's evidence highlighted from the
// API's offsets and the event's codes beside it.

import { ar, h, safeHref, segments } from './dom.js';
import { actorCell, typeBadge } from './table.js';
import { entityName, modalityName, t } from './i18n.js';

function eventSpans(events) {
  return events.flatMap((event, idx) => (event.evidences && event.evidences.length ? event.evidences
    : event.evidence ? [event.evidence] : []).map((span) => ({ start: span.start, end: span.end, kind: 'event', idx })));
}

function entitySpans(entities) {
  return entities.map((e) => ({ start: e.start, end: e.end, kind: 'entity', type: e.type, name: e.name }));
}

/** The article body as text nodes and <mark>/<span> elements: never parsed as HTML. */
function articleBody(doc) {
  const body = ar('div', null, { class: 'article-text' });
  const spans = [...eventSpans(doc.events), ...entitySpans(doc.entities)];
  for (const piece of segments(doc.text, spans)) {
    const evs = piece.spans.filter((sp) => sp.kind === 'event');
    const ent = piece.spans.find((sp) => sp.kind === 'entity');
    if (!evs.length && !ent) {
      body.append(document.createTextNode(piece.text));
      continue;
    }
    const classes = [];
    if (ent) classes.push('entity', `entity-${ent.type}`);
    if (evs.length) classes.push('evidence');
    if (evs.length > 1) classes.push('overlap');
    const hint = [...evs.map((sp) => doc.events[sp.idx].type), ent ? `${entityName(ent.type)}${ent.name ? `: ${ent.name}` : ''}` : null];
    body.append(h(evs.length ? 'mark' : 'span', { class: classes.join(' '), title: hint.filter(Boolean).join(' · '),
      'data-events': evs.length ? evs.map((sp) => sp.idx).join(' ') : null }, piece.text));
  }
  return body;
}

function field(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function eventCard(event, idx, onSelect) {
  const words = (text) => (text ? [' ', ar('q', text)] : []);
  const date = event.date ? [event.date, event.date_is_pub_date ? ` ${t('datePub')}` : '', ...words(event.date_text)]
    : [t('unknown')];
  const place = event.location ? [event.location.name || '', event.location.country ? ` (${event.location.country})` : '',
    ...words(event.location.text)] : null;
  const who = (a) => actorCell(a.name, a.country, a.sector, a.text);
  return h('li', { class: 'event-card', 'data-idx': idx, tabindex: 0, onclick: () => onSelect(idx),
    onkeydown: (ev) => { if (ev.key === 'Enter') onSelect(idx); } },
  h('div', { class: 'event-head' }, typeBadge(event.type), h('span', { class: 'modality' }, modalityName(event.modality))),
  h('dl', {},
    event.source ? field(t('evSource'), who(event.source)) : null,
    event.target ? field(t('evTarget'), who(event.target)) : null,
    field(t('evDate'), ...date),
    place ? field(t('evPlace'), ...place) : null,
    event.speaker ? field(t('evSpeaker'), who(event.speaker)) : null,
    event.mode ? field(t('evMode'), event.mode) : null,
    event.cameo ? field(t('evCameo'), event.cameo) : null,
    field(t('evConfidence'), String(event.confidence ?? '')),
    event.evidence ? field(t('evEvidence'), ar('q', event.evidence.text, { class: 'evidence-quote' })) : null));
}

export function renderArticle(host, doc, focusIdx, onFocus) {
  const meta = doc.meta || {};
  const link = safeHref(meta.url);
  host.append(h('div', { class: 'article-head' },
    h('a', { href: '#/', class: 'back' }, t('back')),
    ar('h2', meta.title || doc.id, { class: 'article-title' }),
    h('p', { class: 'article-meta' },
      meta.pub_date ? [t('published'), ': ', meta.pub_date, ' · '] : null,
      meta.outlet ? [t('outlet'), ': ', meta.outlet, ' · '] : null,
      meta.credited_source ? [t('source'), ': ', ar('span', meta.credited_source), ' · '] : null,
      meta.story ? [t('story'), ': ', h('a', { href: `#/?story=${encodeURIComponent(meta.story)}` }, meta.story), ' · '] : null,
      link ? h('a', { href: link, rel: 'noopener noreferrer', target: '_blank' }, t('link')) : h('code', {}, doc.id))));

  const body = articleBody(doc);
  const toggle = h('label', { class: 'entity-toggle' },
    h('input', { type: 'checkbox', checked: true, onchange: (ev) => body.classList.toggle('no-entities', !ev.target.checked) }),
    ' ', t('showEntities'));
  const cards = h('ol', { class: 'event-list' }, doc.events.map((event, idx) => eventCard(event, idx, (i) => select(i, 'mark'))));

  function select(idx, scrollTo) {
    for (const el of host.querySelectorAll('.active')) el.classList.remove('active');
    const marks = [...body.querySelectorAll('mark[data-events]')].filter((m) => m.dataset.events.split(' ').includes(String(idx)));
    const card = cards.querySelector(`[data-idx="${idx}"]`);
    for (const m of marks) m.classList.add('active');
    if (card) card.classList.add('active');
    const target = scrollTo === 'mark' ? marks[0] : card;
    if (target) target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    onFocus(idx);
  }
  body.addEventListener('click', (ev) => {
    const mark = ev.target.closest('mark[data-events]');
    if (mark) select(Number(mark.dataset.events.split(' ')[0]), 'card');
  });

  host.append(h('div', { class: 'article-grid' },
    h('section', { class: 'card article-card' }, toggle, body),
    h('aside', { class: 'card events-side' }, h('h3', {}, t('codedEvents', { n: doc.events.length })),
      doc.events.length ? cards : h('p', { class: 'empty' }, t('noCoded')))));
  if (Number.isInteger(focusIdx) && focusIdx >= 0 && focusIdx < doc.events.length) select(focusIdx, 'mark');
}
