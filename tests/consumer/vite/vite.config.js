// Vite ≤ 7's dev server pre-bundles dependencies and then answers the .wasm request with HTML;
// excluding the package from pre-bundling keeps `new URL('renkei_bg.wasm', import.meta.url)` working.
// `vite build` (what the test runs) needs nothing.
export default {
  optimizeDeps: { exclude: ['renkei'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
};
