// Console behaviour that CSP keeps out of the pages (script-src 'self'): CSRF header for htmx, session expiry.
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  // forms already carry the hidden _csrf field; this covers htmx requests made without a form
  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('_csrf_header');
    var token = meta('_csrf');
    if (header && token && e.detail.verb !== 'get') {
      e.detail.headers[header] = token;
    }
  });

  // a partial answer that turned out to be the login page (session expired): go there whole
  document.addEventListener('htmx:beforeSwap', function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && new URL(url).pathname === '/login') {
      e.detail.shouldSwap = false;
      window.location.href = url;
    }
  });
})();

// For the elderly: read a notice, a ranking or a household's points aloud with the browser's own speech synthesis
// (zh-CN voice; nothing is sent to a server), and a large-text mode kept in localStorage. Elements marked
// data-read-aloud get a 朗读 button; a page with any of them gets one 大字 toggle. [data-print] buttons print the page.
(function () {
  'use strict';
  var KEY = 'shanzhi.largeText';

  function stored() {
    try { return window.localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }
  function store(on) {
    try { window.localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* private mode: this page only */ }
  }
  function applyLarge(on) {
    document.documentElement.classList.toggle('large-text', on);
  }
  applyLarge(stored());

  function zhVoice() {
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^zh[-_]CN/i.test(voices[i].lang)) { return voices[i]; }
    }
    for (var j = 0; j < voices.length; j++) {
      if (/^zh/i.test(voices[j].lang)) { return voices[j]; }
    }
    return null;
  }

  function textOf(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll('.read-aloud-bar, script, style, form, button, input, select, textarea, .no-read').forEach(function (n) { n.remove(); });
    return (copy.innerText || copy.textContent || '').replace(/\s+/g, ' ').trim();
  }

  function readButton(el) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'read-aloud';
    b.textContent = '朗读 / Read aloud';
    if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') {
      b.disabled = true;
      b.title = '此浏览器不支持朗读 / this browser cannot read aloud';
      return b;
    }
    b.addEventListener('click', function () {
      var synth = window.speechSynthesis;
      if (b.getAttribute('aria-pressed') === 'true') {
        synth.cancel();
        return;
      }
      synth.cancel();
      var u = new window.SpeechSynthesisUtterance(textOf(el));
      u.lang = 'zh-CN';
      u.rate = 0.9;
      var v = zhVoice();
      if (v) { u.voice = v; }
      b.setAttribute('aria-pressed', 'true');
      b.textContent = '停止 / Stop';
      var done = function () { b.setAttribute('aria-pressed', 'false'); b.textContent = '朗读 / Read aloud'; };
      u.onend = done;
      u.onerror = done;
      synth.speak(u);
    });
    return b;
  }

  function largeToggle() {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'large-text-toggle';
    var label = function () {
      var on = document.documentElement.classList.contains('large-text');
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.textContent = on ? '标准字 / Normal text' : '大字 / Large text';
    };
    label();
    b.addEventListener('click', function () {
      var on = !document.documentElement.classList.contains('large-text');
      applyLarge(on);
      store(on);
      label();
    });
    return b;
  }

  function init() {
    var marked = document.querySelectorAll('[data-read-aloud]');
    marked.forEach(function (el) {
      var bar = document.createElement('div');
      bar.className = 'read-aloud-bar no-print';
      bar.appendChild(readButton(el));
      el.insertBefore(bar, el.firstChild);
    });
    if (marked.length > 0 || document.querySelector('[data-large-text]')) {
      var top = document.createElement('div');
      top.className = 'a11y-bar no-print';
      top.appendChild(largeToggle());
      var main = document.querySelector('main') || document.body;
      main.insertBefore(top, main.firstChild);
    }
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
