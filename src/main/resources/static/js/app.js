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

  // imports (households, divisions): a progress bar while the file uploads, then "checking" until the report comes back
  document.addEventListener('htmx:xhr:progress', function (e) {
    var form = e.target.closest && e.target.closest('form[data-progress]');
    if (!form || !e.detail.lengthComputable) {
      return;
    }
    var box = form.querySelector('.upload-progress');
    var bar = box && box.querySelector('progress');
    if (!bar) {
      return;
    }
    box.hidden = false;
    bar.value = Math.round(e.detail.loaded * 100 / e.detail.total);
    if (e.detail.loaded >= e.detail.total) {
      bar.removeAttribute('value'); // indeterminate while the server checks the rows
      var done = box.querySelector('.done');
      if (done) {
        done.hidden = false;
      }
    }
  });
  document.addEventListener('htmx:beforeRequest', function (e) {
    var form = e.target.closest && e.target.closest('form[data-progress]');
    var box = form && form.querySelector('.upload-progress');
    if (box) {
      box.hidden = false;
      var b = form.querySelector('button[type=submit]');
      if (b) {
        b.disabled = true;
      }
    }
  });
})();

// Photos chosen in a form marked data-photo-form are shrunk in the browser to at most 1280 px (JPEG) before they
// are sent: villagers upload over slow connections from old phones. Without this script (or without canvas and
// DataTransfer) the photo is sent as taken and the server still accepts it within its size limit.
(function () {
  'use strict';
  if (!window.DataTransfer || !window.URL || !document.createElement('canvas').toBlob) {
    return;
  }
  var pending = 0;

  function status(form) {
    var s = form.querySelector('[data-photo-status]');
    if (s) {
      s.textContent = pending > 0 ? '正在压缩照片… / shrinking the photo…' : '';
    }
  }

  function shrink(input) {
    var file = input.files && input.files[0];
    var max = parseInt(input.getAttribute('data-downsize'), 10) || 1280;
    input.removeAttribute('data-downsized');
    if (!file || !/^image\//.test(file.type)) {
      input.setAttribute('data-downsized', 'skipped');
      return;
    }
    var form = input.form;
    pending++;
    status(form);
    var url = URL.createObjectURL(file);
    var img = new Image();
    function done(result) {
      URL.revokeObjectURL(url);
      pending--;
      status(form);
      input.setAttribute('data-downsized', result);
    }
    img.onload = function () {
      var scale = Math.min(1, max / Math.max(img.naturalWidth, img.naturalHeight));
      if (scale === 1 && file.type === 'image/jpeg' && file.size < 400 * 1024) {
        done('kept');
        return;
      }
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as a JPEG
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob || blob.size >= file.size && scale === 1) {
          done('kept');
          return;
        }
        var dt = new DataTransfer();
        dt.items.add(new File([blob], (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg', {type: 'image/jpeg'}));
        input.files = dt.files;
        done('jpeg');
      }, 'image/jpeg', 0.82);
    };
    img.onerror = function () {
      done('unreadable'); // sent as it is; the server judges it
    };
    img.src = url;
  }

  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('form[data-photo-form] input[type=file][data-downsize]')) {
      shrink(t);
    }
  });

  // a submit while a photo is still being shrunk waits for it
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.hasAttribute && form.hasAttribute('data-photo-form') && pending > 0) {
      e.preventDefault();
      var wait = setInterval(function () {
        if (pending === 0) {
          clearInterval(wait);
          form.submit();
        }
      }, 100);
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
