// The dashboard's entry point: header, routing (#/, #/docs, #/doc/ID) and views.

import { countryShapes, get, query } from './api.js';
import { fmt, h } from './dom.js';
import { initialLang, lang, rememberLang, setLang, t } from './i18n.js';
import { filterForm, filtersFrom } from './filters.js';
import { renderTimeline } from './timeline.js';
import { renderMap } from './map.js';
import { renderNetwork } from './network.js';
import { renderEventTable } from './table.js';
import { renderArticle } from './article.js';
import { renderDocuments } from './documents.js';

const PAGE_SIZE = 25;
const app = document.getElementById('app');
const meta = { stats: null, actors: [], stories: [] };
let shapes;  // a promise, fetched once
let renderCount = 0;

function route() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const cut = raw.indexOf('?');
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1));
  if (path.startsWith('/doc/')) return { view: 'doc', id: decodeURIComponent(path.slice(5)), params };
  if (path === '/docs') return { view: 'docs', params };
  return { view: 'dashboard', params };
}

function go(path, params) {
  window.location.hash = path + query(params);
}

function header(view) {
  const stats = meta.stats;
  const nav = (href, key, active) => h('a', { href, class: active ? 'active' : null }, t(key));
  return h('header', { class: 'top' },
    h('div', { class: 'brand' }, h('strong', {}, t('title')), h('span', { class: 'tagline' }, t('tagline'))),
    stats ? h('span', { class: 'stats' }, t('stats', { d: fmt(stats.documents), e: fmt(stats.events), a: fmt(stats.actors) })) : null,
    h('nav', {},
      nav('#/', 'navDashboard', view === 'dashboard'),
      nav('#/docs', 'navDocuments', view === 'docs'),
      h('a', { href: '/docs', target: '_blank', rel: 'noopener' }, t('navApi'))),
    h('button', { type: 'button', class: 'lang-toggle', lang: lang() === 'ar' ? 'en' : 'ar', onclick: toggleLang }, t('langToggle')));
}

function toggleLang() {
  const next = lang() === 'ar' ? 'en' : 'ar';
  setLang(next);
  rememberLang(next);
  render();
}

function panel(key, cls) {
  const body = h('div', { class: 'panel-body' }, h('p', { class: 'loading' }, t('loading')));
  const note = h('span', { class: 'panel-note' });
  return { el: h('section', { class: `card ${cls}` }, h('h2', {}, t(key), ' ', note), body), body, note };
}

async function dashboard(main, params, isCurrent) {
  const filters = filtersFrom(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const setFilters = (changes) => go('/', { ...filters, ...changes });
  main.append(filterForm(filters, meta, (values) => go('/', values)));
  const timeline = panel('timeline', 'timeline-card');
  const map = panel('map', 'map-card');
  const network = panel('network', 'network-card');
  const table = panel('events', 'table-card');
  main.append(timeline.el, h('div', { class: 'two-up' }, map.el, network.el), table.el);

  const [summary, page, outlines] = await Promise.all([
    get('/api/events/summary', filters),
    get('/api/events', { ...filters, limit: PAGE_SIZE, offset }),
    shapes,
  ]);
  if (!isCurrent()) return;
  for (const p of [timeline, map, network, table]) p.body.replaceChildren();
  const tl = summary.timeline;
  timeline.note.append(t(tl.bucket === 'day' ? 'byDay' : 'byMonth'),
    tl.undated ? ` · ${t('undated', { n: fmt(tl.undated) })}` : '',
    summary.complete ? '' : ` · ${t('partial', { n: fmt(summary.events_used) })}`);
  renderTimeline(timeline.body, tl, (type) => setFilters({ type }));
  renderMap(map.body, summary.places, outlines);
  renderNetwork(network.body, summary.network, (actor) => setFilters({ actor }));
  table.note.append(summary.complete ? t('nEvents', { n: fmt(summary.events_used) }) : '');
  renderEventTable(table.body, page, filters, (next) => go('/', { ...filters, offset: next }));
}

async function article(main, id, params) {
  let doc;
  try {
    doc = await get(`/api/documents/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    main.append(h('p', { class: 'card empty' }, t('notFound')), h('a', { href: '#/' }, t('back')));
    return;
  }
  const focus = params.has('event') ? Number(params.get('event')) : null;
  renderArticle(main, doc, focus, (idx) => {
    // keep the address in step without re-rendering the view
    window.history.replaceState(null, '', `#/doc/${encodeURIComponent(id)}?event=${idx}`);
  });
}

async function render() {
  const mine = ++renderCount;
  const isCurrent = () => mine === renderCount;
  const { view, id, params } = route();
  const main = h('main', { id: 'view', 'data-view': view });
  app.replaceChildren(header(view), main);
  try {
    if (view === 'doc') await article(main, id, params);
    else if (view === 'docs') await renderDocuments(main, params, (p) => go('/docs', p));
    else await dashboard(main, params, isCurrent);
    if (isCurrent()) main.dataset.ready = 'true';  // for tests and screenshots
  } catch (error) {
    if (isCurrent()) main.append(h('p', { class: 'card error', role: 'alert' }, t('error', { msg: error.message })));
  }
}

async function start() {
  setLang(initialLang());
  shapes = countryShapes().catch(() => null);
  const [stats, actors, stories] = await Promise.all([
    get('/api/stats').catch(() => null),
    get('/api/actors', { limit: 500 }).catch(() => ({ items: [] })),
    get('/api/stories', { limit: 200 }).catch(() => ({ items: [] })),
  ]);
  Object.assign(meta, { stats, actors: actors.items, stories: stories.items });
  window.addEventListener('hashchange', render);
  render();
}

start();
