// The coding vocabularies the dashboard filters and colours by.

export const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

export const MODALITIES = ['asserted', 'reported', 'future', 'intended', 'negated', 'hypothetical'];

// Cooperation in greens and blues, verbal conflict in ambers, material conflict in reds.
const TYPE_COLORS = {
  AGREE: '#1b7837', CONSULT: '#2166ac', SUPPORT: '#5aae61', CONCEDE: '#a6d96a', COOPERATE: '#35978f',
  AID: '#80cdc1', RETREAT: '#9970ab', REQUEST: '#4393c3', ACCUSE: '#e6ab02', REJECT: '#f4a582',
  THREATEN: '#e08214', PROTEST: '#bf812d', SANCTION: '#8c510a', MOBILIZE: '#d6604d', COERCE: '#c51b7d',
  ASSAULT: '#b2182b',
};

export function typeColor(type) {
  return TYPE_COLORS[type] || '#888888';
}
