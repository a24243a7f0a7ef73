// Helpers shared by the extension's own pages: the browser API and localised strings.
export const api = globalThis.browser ?? globalThis.chrome;

/** The localised message `key` (with substitutions), or '' when there is none. */
export function t(key, subs) {
  return api.i18n.getMessage(key, subs);
}

/** Fills every `[data-i18n]` element's text from messages.json. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
