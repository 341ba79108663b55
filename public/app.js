// The few lines htmx cannot do: open dialogs it swaps in, and copy invite links to the clipboard.
// No inline script anywhere: the CSP allows only files from this origin.
(function () {
  'use strict';
  function openDialogs(root) {
    var list = [];
    if (root && root.matches && root.matches('dialog[data-modal]')) list.push(root);
    if (root && root.querySelectorAll) list = list.concat(Array.prototype.slice.call(root.querySelectorAll('dialog[data-modal]')));
    list.forEach(function (d) {
      if (!d.open && typeof d.showModal === 'function') d.showModal();
    });
  }
  document.addEventListener('htmx:after:swap', function () {
    openDialogs(document.getElementById('modal-root'));
  });
  // A closed dialog is removed, so the next one opens fresh.
  document.addEventListener(
    'close',
    function (e) {
      var t = e.target;
      if (t && t.matches && t.matches('dialog[data-modal]') && t.parentNode) t.parentNode.removeChild(t);
    },
    true,
  );
  // Copy buttons: <button data-copy="#input-id">. Without JavaScript the link stays visible to copy by hand.
  document.addEventListener('click', function (e) {
    var btn = e.target && e.target.closest ? e.target.closest('[data-copy]') : null;
    if (!btn) return;
    var input = document.querySelector(btn.getAttribute('data-copy'));
    if (!input) return;
    e.preventDefault();
    var done = function () {
      btn.textContent = 'Copied';
      btn.setAttribute('aria-live', 'polite');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () {
        input.select();
      });
    } else {
      input.select();
      try {
        document.execCommand('copy');
        done();
      } catch (_) {
        /* the link is selected: the user copies it */
      }
    }
  });
  // Cancel links go back to the list without JavaScript; inside an open dialog they just close it.
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('[data-close-dialog]') : null;
    if (!link) return;
    var dialog = link.closest('dialog[data-modal]');
    if (!dialog) return;
    e.preventDefault();
    dialog.close();
  });
  // A "…" menu closes when focus or a click goes elsewhere, or on Escape.
  document.addEventListener('click', function (e) {
    var inItems = e.target && e.target.closest ? e.target.closest('.menu-items') : null;
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      if (!d.contains(e.target) || inItems) setTimeout(function () { d.removeAttribute('open'); }, 0);
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      d.removeAttribute('open');
      var s = d.querySelector('summary');
      if (s) s.focus();
    });
  });
  document.addEventListener('DOMContentLoaded', function () {
    openDialogs(document);
  });
})();
