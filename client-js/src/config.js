// Reads the page's `_dash-config`, the same contract Dash's renderer boots from.
export function readConfig(text) {
  const raw = text ? JSON.parse(text) : {};
  let prefix = raw.requests_pathname_prefix ?? raw.url_base_pathname ?? '/';
  if (!prefix.endsWith('/')) prefix += '/';
  const own = raw.ferrodash && typeof raw.ferrodash === 'object' ? raw.ferrodash : {};
  return {
    raw,
    prefix,
    ui: raw.ui === true,
    updateTitle: typeof raw.update_title === 'string' ? raw.update_title : '',
    storePrefix: typeof own.store_prefix === 'string' ? own.store_prefix : '',
    endId: raw.end_id || null,
    csrf: raw.csrf_token_name ? [raw.csrf_token_name, raw.csrf_header_name || 'X-CSRFToken'] : null,
  };
}
