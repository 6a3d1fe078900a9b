// The floor under the cold start (cold.mjs): a module that does nothing but say when it ran.
window.__done = { ready: performance.now() };
