//! The styles of <renkei-self-check>'s shadow root. On the site: the page's own stylesheets,
//! linked beside this module (a host's CSP needs `style-src 'self'` for them). The package's
//! bundle (scripts/bundle.mjs) replaces this module with one that adopts the same CSS as a
//! constructed stylesheet, so the element needs no file and no inline <style>.

/** Adds the element's styles to its shadow root. */
export function styleShadow(root) {
  for (const f of ['app.css', 'embed.css']) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(`../css/${f}`, import.meta.url).href;
    root.append(link);
  }
}
