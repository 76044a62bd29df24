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
