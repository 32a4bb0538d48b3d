// Talking to the marsad API (same origin).

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export async function get(path, params) {
  const response = await fetch(path + query(params), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    const error = new Error(`${response.status}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** The country outlines, or null when the server has none (the map then draws a grid). */
export async function countryShapes() {
  try {
    return await get('/api/geo/countries');
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}
