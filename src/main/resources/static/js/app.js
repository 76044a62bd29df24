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
