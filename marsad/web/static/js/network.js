// Who acts on whom: actors on a circle, source → target links weighted by
// event count and coloured by their most frequent event type.

import { cut, h, s, fmt } from './dom.js';
import { typeColor } from './codes.js';
import { sectorName, t, typeName } from './i18n.js';

export function actorLabel(node) {
  return node.name || node.text || [node.country, node.sector].filter(Boolean).join(' ');
}

function isArabic(text) {
  return /[\u0600-\u06FF]/.test(text || '');
}

export function renderNetwork(host, network, onActor) {
  const { nodes, edges } = network;
  if (!edges.length) {
    host.append(h('p', { class: 'empty' }, t('noPairs')));
    return;
  }
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const shown = nodes.filter((n) => linked.has(n.id))
    .sort((a, b) => (a.country || '~').localeCompare(b.country || '~') || b.weight - a.weight);
  const width = Math.max(360, host.clientWidth || 600);
  const height = 300;
  const [cx, cy] = [width / 2, height / 2];
  // an ellipse fills a wide panel; labels need room at the sides
  const [rx, ry] = [Math.max(60, width / 2 - 150), height / 2 - 26];
  const maxNode = Math.max(1, ...shown.map((n) => n.weight));
  const maxEdge = Math.max(1, ...edges.map((e) => e.weight));
  const place = new Map(shown.map((node, i) => {
    const angle = (2 * Math.PI * i) / shown.length - Math.PI / 2;
    const r = 4 + 9 * Math.sqrt(node.weight / maxNode);
    return [node.id, { node, angle, r, x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) }];
  }));

  const svg = s('svg', { class: 'chart network', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': t('network') });
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9,
    markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' }, s('path', { d: 'M0,0L10,5L0,10z', class: 'arrow-head' }))));

  for (const edge of [...edges].reverse()) {
    const a = place.get(edge.source);
    const b = place.get(edge.target);
    if (!a || !b) continue;
    // bend towards the centre so a→b and b→a do not overlap
    const [mx, my] = [(a.x + b.x) / 2, (a.y + b.y) / 2];
    const [qx, qy] = [mx + (cx - mx) * 0.45, my + (cy - my) * 0.45];
    const len = Math.hypot(b.x - qx, b.y - qy) || 1;
    const [ex, ey] = [b.x - ((b.x - qx) / len) * (b.r + 2), b.y - ((b.y - qy) / len) * (b.r + 2)];
    const top = Object.keys(edge.types)[0];
    const types = Object.entries(edge.types).map(([type, n]) => `${typeName(type)} ${fmt(n)}`).join('، ');
    svg.append(s('path', { d: `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${qx.toFixed(1)},${qy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      class: 'edge', stroke: typeColor(top), 'stroke-width': (1 + 5 * (edge.weight / maxEdge)).toFixed(1),
      'marker-end': 'url(#arrow)', 'data-source': edge.source, 'data-target': edge.target },
    s('title', {}, `${actorLabel(a.node)} → ${actorLabel(b.node)}: ${fmt(edge.weight)} (${types})`)));
  }

  for (const { node, angle, r, x, y } of place.values()) {
    const right = Math.cos(angle) >= 0;
    const label = actorLabel(node);
    const detail = [node.country, sectorName(node.sector)].filter(Boolean).join(' · ');
    const group = s('g', { class: 'node', tabindex: 0, 'data-id': node.id,
      onclick: () => onActor(node.name || node.text || node.country || ''),
      onkeydown: (ev) => { if (ev.key === 'Enter') onActor(node.name || node.text || node.country || ''); },
      onmouseenter: () => highlight(svg, node.id), onmouseleave: () => highlight(svg, null) },
    s('circle', { cx: x, cy: y, r }),
    s('text', { x: x + (right ? r + 4 : -(r + 4)), y: y + 4, 'text-anchor': right ? 'start' : 'end',
      class: isArabic(label) ? 'ar' : null }, cut(label, 22)),
    s('title', {}, `${label}${detail ? ` (${detail})` : ''}: ${fmt(node.weight)}`));
    svg.append(group);
  }
  host.append(svg, h('p', { class: 'note' }, t('nodeHint')));
}

/** Light the links of actor ``id`` and dim the rest (``id`` null: back to normal). */
function highlight(svg, id) {
  svg.classList.toggle('focus', id !== null);
  for (const path of svg.querySelectorAll('.edge')) {
    path.classList.toggle('lit', id !== null && (path.dataset.source === id || path.dataset.target === id));
  }
}
