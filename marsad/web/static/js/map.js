// Events on a map: equirectangular lon/lat, drawn offline. Country outlines
// come from /api/geo/countries when installed; otherwise a graticule only.

import { h, s, fmt } from './dom.js';
import { lang, t, typeName } from './i18n.js';

const CODE_KEYS = ['iso_a3', 'ISO_A3', 'adm0_a3', 'ADM0_A3', 'iso3', 'ISO3', 'code'];

function featureCode(feature) {
  const props = feature.properties || {};
  for (const key of CODE_KEYS) if (props[key]) return String(props[key]);
  return feature.id ? String(feature.id) : null;
}

function featureName(feature) {
  const props = feature.properties || {};
  return (lang() === 'ar' && (props.name_ar || props.NAME_AR)) || props.name || props.NAME || featureCode(feature) || '';
}

/** The lon/lat box to show: the points with a margin, widened to the panel's shape. */
function view(points, aspect) {
  if (!points.length) return { west: -180, east: 180, south: -60, north: 80 };
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const padLon = Math.max(8, (east - west) * 0.2);
  const padLat = Math.max(5, (north - south) * 0.2);
  [west, east, south, north] = [west - padLon, east + padLon, south - padLat, north + padLat];
  const [spanLon, spanLat] = [east - west, north - south];
  if (spanLon / spanLat < aspect) {
    const grow = (spanLat * aspect - spanLon) / 2;
    [west, east] = [west - grow, east + grow];
  } else {
    const grow = (spanLon / aspect - spanLat) / 2;
    [south, north] = [south - grow, north + grow];
  }
  return { west, east, south, north };
}

function ringPath(ring, project) {
  return ring.map(([lon, lat], i) => `${i ? 'L' : 'M'}${project(lon, lat).join(',')}`).join('') + 'Z';
}

function geometryPath(geometry, project) {
  if (!geometry) return '';
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.map((poly) => poly.map((ring) => ringPath(ring, project)).join('')).join('');
}

export function renderMap(host, places, shapes) {
  const width = Math.max(360, host.clientWidth || 600);
  const height = 300;
  const { points, countries } = places;
  const box = view(points, width / height);
  const scale = width / (box.east - box.west);
  const project = (lon, lat) => [+((lon - box.west) * scale).toFixed(1), +((box.north - lat) * scale).toFixed(1)];
  const svg = s('svg', { class: 'chart map', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': t('map') });
  svg.append(s('rect', { x: 0, y: 0, width, height, class: 'sea' }));

  if (shapes && Array.isArray(shapes.features)) {
    const maxCountry = Math.max(1, ...Object.values(countries));
    for (const feature of shapes.features) {
      const code = featureCode(feature);
      const n = countries[code] || 0;
      const path = s('path', { d: geometryPath(feature.geometry, project), class: n ? 'land hot' : 'land',
        'data-country': code });
      if (n) path.style.fillOpacity = String(0.25 + 0.6 * (n / maxCountry));
      path.append(s('title', {}, `${featureName(feature)}${n ? ` · ${fmt(n)}` : ''}`));
      svg.append(path);
    }
  }
  const stepDeg = box.east - box.west > 120 ? 30 : box.east - box.west > 40 ? 10 : 5;
  for (let lon = Math.ceil(box.west / stepDeg) * stepDeg; lon <= box.east; lon += stepDeg) {
    const [x] = project(lon, 0);
    svg.append(s('line', { x1: x, x2: x, y1: 0, y2: height, class: 'graticule' }),
      s('text', { x: x + 3, y: height - 4, class: 'tick' }, `${Math.abs(lon)}°${lon < 0 ? 'W' : 'E'}`));
  }
  for (let lat = Math.ceil(box.south / stepDeg) * stepDeg; lat <= box.north; lat += stepDeg) {
    const [, y] = project(0, lat);
    svg.append(s('line', { x1: 0, x2: width, y1: y, y2: y, class: 'graticule' }),
      s('text', { x: 3, y: y - 3, class: 'tick' }, `${Math.abs(lat)}°${lat < 0 ? 'S' : 'N'}`));
  }

  const maxCount = Math.max(1, ...points.map((p) => p.count));
  [...points].reverse().forEach((point, i) => {  // largest drawn last, on top
    const [x, y] = project(point.lon, point.lat);
    const r = 4 + 12 * Math.sqrt(point.count / maxCount);
    const types = Object.entries(point.types).map(([type, n]) => `${typeName(type)} ${fmt(n)}`).join('، ');
    const label = `${point.name || ''}${point.country ? ` (${point.country})` : ''}`;
    svg.append(s('circle', { cx: x, cy: y, r, class: 'place', 'data-name': point.name || '' },
      s('title', {}, `${label}: ${fmt(point.count)} — ${types}`)));
    if (points.length - i <= 8 && point.name) {
      svg.append(s('text', { x: x + r + 3, y: y + 4, class: 'place-label' }, point.name));
    }
  });
  host.append(svg);
  if (!shapes) host.append(h('p', { class: 'note' }, t('noShapes')));
  if (!points.length) host.append(h('p', { class: 'note' }, t('noPlaces')));
}
