//! A classic (non-module) script that runs before the page's modules: when the page cannot
//! start, it says why in Japanese and English instead of leaving 「読み込み中…」 on screen.
//! - The site's folder opened by double-click (file://): browsers refuse ES modules and fetch
//!   there, so it points to the single file (renkei.html) that works that way.
//! - A module that fails to load, a browser without ES modules or WebAssembly, or nothing
//!   ready after 30 s: the reason and what to do.
// Plain ES5 on purpose: it must run in the browsers it has to warn about.
(function () {
  'use strict';
  var single = !!document.getElementById('renkei-wasm');
  var MSG = {
    file: ['このフォルダのページはパソコン上のファイルとして直接は開けません（ブラウザが安全のため止めています）。同じフォルダの「renkei.html」（1ファイル版）をダブルクリックして開いてください。',
      'This folder\u2019s page cannot be opened as a file on the PC (the browser blocks it for safety). Double-click \u201crenkei.html\u201d (the single-file version) in the same folder instead.'],
    wasm: ['このブラウザでは WebAssembly が使えないため採点できません。Microsoft Edge・Google Chrome・Firefox の新しい版で開いてください。',
      'This browser cannot run WebAssembly, so nothing can be scored. Open the page in a current Microsoft Edge, Google Chrome or Firefox.'],
    script: ['ページの部品を読み込めませんでした。ネットワークか配布されたファイルを確かめ、ページを再読み込みしてください。',
      'Part of the page could not be loaded. Check the network or the files you were given, then reload the page.'],
    timeout: ['ページが起動しませんでした（30秒たっても準備ができません）。ブラウザを新しい版にするか、1ファイル版（renkei.html）を開いてください。',
      'The page did not start (not ready after 30 seconds). Update the browser, or open the single-file version (renkei.html).']
  };
  // The editor page's folder copy points to the editor's single file instead.
  if (document.body && /(^| )editor-page( |$)/.test(document.body.className)) {
    MSG.file = [MSG.file[0].replace(/renkei\.html/g, 'renkei-editor.html'), MSG.file[1].replace(/renkei\.html/g, 'renkei-editor.html')];
  }
  var shown = false;
  function fail(why, detail) {
    if (shown || document.body && document.body.getAttribute('data-ready') === 'true') return;
    var el = document.getElementById('loading');
    if (!el) return;
    shown = true;
    el.className = 'load-error';
    el.setAttribute('role', 'alert');
    el.textContent = MSG[why][0] + ' / ' + MSG[why][1] + (detail ? ' (' + detail + ')' : '');
    document.documentElement.setAttribute('data-boot-error', why);
  }
  function whenReady(f) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
    else f();
  }
  if (location.protocol === 'file:' && !single) whenReady(function () { fail('file'); });
  else if (typeof WebAssembly !== 'object') whenReady(function () { fail('wasm'); });
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'SCRIPT') {
      if (location.protocol === 'file:' && !single) fail('file');
      else fail('script', t.src || '');
    }
  }, true);
  setTimeout(function () { fail('timeout'); }, 30000);
}());
