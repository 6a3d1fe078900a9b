//! Runs rule packs in a Web Worker (pack-worker.js): a pack is someone else's code, so it never
//! runs on the page's thread. Every call has a wall-clock deadline, a second guard behind the
//! engine's own limits (operations, time, sizes): when it passes, the worker is terminated, the
//! call is rejected with a PackWorkerError that says so in Japanese and English, and the next
//! call starts a fresh worker (the packs compiled so far are compiled again in it, on demand).
//!
//! ```js
//! import { createPackClient, isPackWorkerError } from './pack-client.js';
//! const client = createPackClient({ deadlineMs: 8000 });   // options below
//! const pack = await client.compile({ bundle: text });      // or { files: { 'pack.toml': … } } or { default: true }
//! pack.handle; pack.info; pack.checklist;                   // info(): id, edition, hash, title …; checklist()
//! const report = await client.score(pack, assessment, { trace: false });
//! await client.scoreText(pack, fileText);                   // the report of an assessment file's text
//! await client.empty(pack, 'core');                         // a new, empty assessment
//! await client.runTests(pack);                              // [{ file, name, passed, failures }]
//! await client.rebase(pack, assessment);                    // { assessment, dropped }
//! await client.editionChanges(oldPack, newPack);            // { added, removed }
//! await client.validate(files);                             // [] or [{ file, line, column, message, messageJa, … }]
//! await client.bundle(files);                               // the bundle's JSON text (renkei-pack-bundle/1)
//! await client.bundleFiles(text);                           // { path: text }
//! await client.diff(oldReportOrSummary, newReportOrSummary); // Change[]
//! await client.summarize(report);                           // Summary
//! client.release(pack);                                     // forget a pack
//! client.terminate();                                       // stop the worker now (a later call starts a new one)
//! ```
//!
//! Every method returns a promise. `pack` arguments are what compile() resolved with (or its
//! handle). Options of createPackClient: `deadlineMs` (default 8000; per call, also as the last
//! argument `{ deadlineMs }` of any method — compile, score, …); `wasm` (a WebAssembly.Module or
//! the .wasm bytes for the worker; default: in the single file the bytes inside the page, served
//! the worker loads pkg/renkei_bg.wasm itself); `workerUrl` (default: pack-worker.js beside this
//! module; in the single file the worker's script — pack-worker.js bundled as a classic script —
//! comes from the data block `renkei-worker`).
//!
//! Errors: the engine's refusals come back as they are thrown in the page (name "RenkeiError",
//! kind, problems, messageJa: isRenkeiError() in engine.js works on them). Anything else is a
//! PackWorkerError: `code` "deadline" (the time ran out: the worker was stopped), "crashed" (the
//! worker died or trapped: out of memory, a wasm trap), "start" (it could not be started);
//! `message` in English, `messageJa` in Japanese, `op` the operation. Calls run one at a time, in
//! the order made; each call's deadline starts when the worker begins it.
//!
//! Nothing is fetched but the page's own files (served: pack-worker.js, pkg/renkei.js and
//! renkei_bg.wasm). The single file's policy allows the worker with `worker-src blob:`.
import { embeddedWasm, isSingleFile } from './resources.js';

const DEFAULT_DEADLINE_MS = 8000;

/** What each operation is called in the messages. */
const OP_WORDS = {
  compile: ['ルールパックの読み込み', 'loading the pack'],
  score: ['採点', 'scoring'],
  scoreText: ['採点', 'scoring'],
  empty: ['空の回答の作成', 'making an empty assessment'],
  runTests: ['ルールパックのテスト', "running the pack's tests"],
  rebase: ['別の版への読み替え', 'reading the answers under this edition'],
  editionChanges: ['版の比較', 'comparing editions'],
  validate: ['ルールパックの検査', 'checking the pack'],
  bundle: ['配布ファイルの作成', 'making the bundle'],
  bundleFiles: ['配布ファイルの読み込み', 'reading the bundle'],
  diff: ['結果の比較', 'comparing results'],
  summarize: ['結果の要約', 'summarising the result'],
  spin: ['テスト用の待機', 'a test wait'],
};

/** An error of the worker itself (not of the engine): its deadline, its crash, its start. */
export class PackWorkerError extends Error {
  constructor(code, op, message, messageJa) {
    super(message);
    this.name = 'PackWorkerError';
    this.code = code;
    this.op = op;
    this.messageJa = messageJa;
  }
}

/** True for the errors of pack-client.js's worker (deadline, crash, start). */
export const isPackWorkerError = (e) => e instanceof PackWorkerError || e?.name === 'PackWorkerError';

function deadlineError(op, ms) {
  const [ja, en] = OP_WORDS[op] ?? [op, op];
  const s = ms >= 1000 ? String(Math.round(ms / 100) / 10) : String(ms / 1000);
  return new PackWorkerError('deadline', op,
    `The rule pack did not finish ${en} within ${s} s (it may loop forever): it was stopped. Nothing you entered was changed.`,
    `ルールパックの処理（${ja}）が ${s} 秒以内に終わりませんでした（無限ループの可能性）。処理を止めました。入力した内容は変わっていません。`);
}

function crashError(op, detail) {
  const [ja, en] = OP_WORDS[op] ?? [op, op];
  return new PackWorkerError('crashed', op,
    `The rule pack's worker stopped while ${en} (${detail}): a pack that builds huge values or recurses too deep can do this. Nothing you entered was changed.`,
    `ルールパックの処理（${ja}）の途中で処理が止まりました（${detail}）。巨大な値を作る・再帰が深すぎるパックで起こります。入力した内容は変わっていません。`);
}

function startError(detail) {
  return new PackWorkerError('start', 'init',
    `The worker for rule packs could not be started (${detail}).`,
    `ルールパックを動かす Worker を起動できませんでした（${detail}）。`);
}

/** The engine's error, rebuilt from the worker's data (so isRenkeiError() holds). */
function rebuild(data, op) {
  if (data.name === 'RenkeiError') {
    const e = new Error(data.message);
    e.name = 'RenkeiError';
    e.kind = data.kind;
    e.problems = data.problems;
    e.messageJa = data.messageJa ?? data.message;
    return e;
  }
  return crashError(op, `${data.name}: ${data.message}`);
}

/** The worker's script in the single file: the data block scripts/bundle.mjs writes. */
function embeddedWorkerSource() {
  return globalThis.document?.getElementById('renkei-worker')?.textContent ?? null;
}

/**
 * A client for the pack worker. See the file's header for the API.
 * @param {{ deadlineMs?: number, wasm?: WebAssembly.Module | BufferSource | null, workerUrl?: string | URL }} [options]
 */
export function createPackClient({ deadlineMs = DEFAULT_DEADLINE_MS, wasm, workerUrl } = {}) {
  let worker = null; // { w, compiled: Set<handle>, pending: Map<id, …> }
  let nextId = 1;
  let nextHandle = 1;
  let chain = Promise.resolve();
  /** handle → the spec it was compiled from (to compile it again in a fresh worker) */
  const specs = new Map();
  let wasmModule = null;

  async function wasmForWorker() {
    if (wasmModule) return wasmModule;
    const src = wasm !== undefined ? wasm : (isSingleFile() ? embeddedWasm() : null);
    if (!src) return null; // the worker loads it beside renkei.js
    wasmModule = src instanceof WebAssembly.Module ? src : await WebAssembly.compile(src);
    return wasmModule;
  }

  function spawnWorker() {
    let w;
    const source = workerUrl ? null : embeddedWorkerSource();
    if (source !== null) {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      try {
        // A classic worker: Chromium starts no module worker from a blob: URL of a file:// page.
        w = new Worker(url, { name: 'renkei-pack' });
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
    } else {
      w = new Worker(workerUrl ?? new URL('./pack-worker.js', import.meta.url), { type: 'module', name: 'renkei-pack' });
    }
    const state = { w, compiled: new Set(), pending: new Map(), ready: null };
    const fail = (err) => {
      for (const p of state.pending.values()) p.reject(err(p.op));
      state.pending.clear();
      kill(state);
    };
    w.onmessage = (ev) => {
      const { id, ok, value, error, fatal } = ev.data ?? {};
      const p = state.pending.get(id);
      if (!p) return;
      state.pending.delete(id);
      if (ok) p.resolve(value);
      else {
        p.reject(rebuild(error, p.op));
        if (fatal) kill(state);
      }
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      fail((op) => (op === 'init' ? startError(ev.message || 'error') : crashError(op, ev.message || 'error')));
    };
    w.onmessageerror = () => fail((op) => crashError(op, 'messageerror'));
    return state;
  }

  function kill(state) {
    state.w.terminate();
    if (worker === state) worker = null;
  }

  /** Sends one message to a worker; rejects after `ms`, terminating it. */
  function send(state, op, args, ms) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        if (!state.pending.has(id)) return;
        state.pending.delete(id);
        kill(state);
        reject(op === 'init' ? startError(`no answer within ${ms} ms / ${ms} ミリ秒以内に応答なし`) : deadlineError(op, ms));
      }, ms);
      state.pending.set(id, {
        op,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      try {
        state.w.postMessage({ id, op, args });
      } catch (e) {
        state.pending.delete(id);
        clearTimeout(timer);
        reject(crashError(op, e?.message ?? String(e)));
      }
    });
  }

  /** The running worker (a fresh one after a deadline or a crash), initialised. */
  async function live() {
    if (worker) return worker;
    const state = spawnWorker();
    worker = state;
    await send(state, 'init', [await wasmForWorker()], 30_000);
    return state;
  }

  /** A pack compiled in this worker (again, after a restart). */
  async function ensure(state, handle, ms) {
    if (state.compiled.has(handle)) return;
    const spec = specs.get(handle);
    if (!spec) throw new Error(`pack-client: unknown pack ${handle} (released?)`);
    await send(state, 'compile', [handle, spec], ms);
    state.compiled.add(handle);
  }

  const handleOf = (p) => (typeof p === 'number' ? p : p?.handle);
  const msOf = (o) => (o && Number.isFinite(o.deadlineMs) ? o.deadlineMs : deadlineMs);

  /** Runs `fn` after every earlier call (one call at a time). */
  function queue(fn) {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  }

  /** A call on packs (`handles`, compiled first when the worker is new). */
  function call(op, handles, args, o) {
    const ms = msOf(o);
    return queue(async () => {
      const state = await live();
      for (const h of handles) await ensure(state, h, ms);
      return send(state, op, args, ms);
    });
  }

  /** The last argument when it is an options object ({ deadlineMs }). */
  const opts = (o) => (o && typeof o === 'object' && 'deadlineMs' in o ? o : undefined);

  return {
    /** Compiles a pack: { bundle: text } | { files } | { default: true }; resolves { handle, info, checklist }. */
    compile(spec, o) {
      const s = spec?.bundle !== undefined ? { bundle: String(spec.bundle) }
        : spec?.files !== undefined ? { files: spec.files }
          : { default: true };
      const handle = nextHandle++;
      const ms = msOf(o);
      return queue(async () => {
        const state = await live();
        const out = await send(state, 'compile', [handle, s], ms);
        specs.set(handle, s);
        state.compiled.add(handle);
        return { handle, info: out.info, checklist: out.checklist };
      });
    },
    score: (p, assessment, options, o) => call('score', [handleOf(p)], [handleOf(p), assessment, options && { trace: Boolean(options.trace) }], opts(o) ?? opts(options)),
    scoreText: (p, text, trace, o) => call('scoreText', [handleOf(p)], [handleOf(p), String(text), Boolean(trace)], opts(o) ?? opts(trace)),
    empty: (p, set, o) => call('empty', [handleOf(p)], [handleOf(p), set ?? null], opts(o)),
    runTests: (p, o) => call('runTests', [handleOf(p)], [handleOf(p)], opts(o)),
    rebase: (p, assessment, o) => call('rebase', [handleOf(p)], [handleOf(p), assessment], opts(o)),
    editionChanges: (a, b, o) => call('editionChanges', [handleOf(a), handleOf(b)], [handleOf(a), handleOf(b)], opts(o)),
    validate: (files, o) => call('validate', [], [files], opts(o)),
    bundle: (files, o) => call('bundle', [], [files], opts(o)),
    bundleFiles: (text, o) => call('bundleFiles', [], [String(text)], opts(o)),
    diff: (a, b, o) => call('diff', [], [a, b], opts(o)),
    summarize: (report, o) => call('summarize', [], [report], opts(o)),
    /** Keeps the worker busy for `ms` (tests of the deadline only). */
    spin: (ms, o) => call('spin', [], [ms], opts(o)),
    /** Forgets a pack (in the worker too). */
    release(p) {
      const h = handleOf(p);
      specs.delete(h);
      if (worker?.compiled.has(h)) {
        worker.compiled.delete(h);
        return call('release', [], [h]).catch(() => null);
      }
      return Promise.resolve(null);
    },
    /** Stops the worker now; pending calls are rejected; a later call starts a new worker. */
    terminate() {
      if (!worker) return;
      const state = worker;
      for (const p of state.pending.values()) p.reject(crashError(p.op, 'terminated'));
      state.pending.clear();
      kill(state);
    },
    /** True while a worker is running (for tests: false after a deadline until the next call). */
    get running() {
      return worker !== null;
    },
  };
}
