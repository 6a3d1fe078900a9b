//! The styles of the page's elements, each rendered in its own shadow root: on the site, the
//! page's own stylesheets linked beside this module (a host's CSP needs `style-src 'self'`). The
//! bundles (scripts/bundle.mjs: the single file, the package's element) replace this module with
//! one that adopts the same CSS as constructed stylesheets: no file, no inline <style>.

const link = (root, file, media) => {
  const l = document.createElement('link');
  l.rel = 'stylesheet';
  l.href = new URL(`../css/${file}`, import.meta.url).href;
  if (media) l.media = media;
  root.append(l);
};

/** Adds the styles to a shadow root: app.css and print.css (for print), and embed.css for <renkei-self-check>. */
export function styleShadow(root, { embed = false } = {}) {
  link(root, 'app.css');
  link(root, 'print.css', 'print');
  if (embed) link(root, 'embed.css');
}

/** The stylesheet links at the top of a shadow root (kept when its content is replaced); none in the bundles. */
export const styles = (root) => [...root.children].filter((e) => e.localName === 'link' && e.rel === 'stylesheet');

/** The element's open shadow root, made and styled on first use (its ids and styles stay inside it). */
export function ownShadow(el) {
  if (el.shadowRoot) return el.shadowRoot;
  const root = el.attachShadow({ mode: 'open' });
  styleShadow(root);
  return root;
}
