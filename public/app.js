// The few lines htmx cannot do: open dialogs it swaps in, and copy invite links to the clipboard.
// No inline script anywhere: the CSP allows only files from this origin.
(function () {
  'use strict';
  // Controls that only work with JavaScript (the Copy button) are hidden until this runs: see app.css.
  document.documentElement.classList.add('js');
  // Where the focus goes back to when a dialog goes away: what opened it, or, when that was an item of a
  // row's "…" menu (hidden once the menu closes; the row may have been swapped meanwhile), that row's "…".
  var lastActivated = null;
  var returnTo = null;
  document.addEventListener(
    'click',
    function (e) {
      lastActivated = e.target && e.target.closest ? e.target.closest('a, button, summary') : null;
    },
    true,
  );
  function rememberOpener() {
    var el = lastActivated && lastActivated.isConnected ? lastActivated : document.activeElement;
    if (!el || el === document.body) return;
    var menu = el.closest('details.menu');
    var row = el.closest('tr[id]');
    returnTo = { el: menu ? menu.querySelector('summary') : el, rowId: row ? row.id : null };
  }
  function restoreFocus() {
    var r = returnTo;
    returnTo = null;
    if (!r || document.querySelector('#modal-root dialog[open]')) return;
    var el = r.el;
    if ((!el || !el.isConnected) && r.rowId) {
      var row = document.getElementById(r.rowId);
      el = row && row.querySelector('details.menu > summary, td:last-child > a[href*="/actions"]');
    }
    if (!el || !el.isConnected) el = document.getElementById('main');
    if (el) el.focus();
  }
  function openDialogs(root) {
    var list = [];
    if (root && root.matches && root.matches('dialog[data-modal]')) list.push(root);
    if (root && root.querySelectorAll) list = list.concat(Array.prototype.slice.call(root.querySelectorAll('dialog[data-modal]')));
    list.forEach(function (d) {
      if (!d.open && typeof d.showModal === 'function') {
        if (!returnTo) rememberOpener();
        d.showModal();
      }
    });
  }
  document.addEventListener('htmx:after:swap', function () {
    openDialogs(document.getElementById('modal-root'));
  });
  // A dialog leaves #modal-root when it is closed (below) or when a successful form empties it.
  document.addEventListener('DOMContentLoaded', function () {
    var modalRoot = document.getElementById('modal-root');
    if (!modalRoot || typeof MutationObserver !== 'function') return;
    new MutationObserver(function () {
      if (returnTo && !modalRoot.querySelector('dialog[data-modal]')) setTimeout(restoreFocus, 0);
    }).observe(modalRoot, { childList: true });
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
  function copyField(input, status, button) {
    var done = function () {
      if (button) button.textContent = 'Copied';
      if (status) {
        status.textContent = 'Copied to the clipboard.';
        status.classList.add('copied');
      }
    };
    var byHand = function () {
      input.focus();
      input.select();
      if (status) status.textContent = 'The link is selected: copy it with Ctrl+C (⌘C on a Mac).';
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, byHand);
    } else {
      input.select();
      try {
        if (document.execCommand('copy')) done();
        else byHand();
      } catch (_) {
        byHand();
      }
    }
  }
  document.addEventListener('click', function (e) {
    var btn = e.target && e.target.closest ? e.target.closest('[data-copy]') : null;
    if (!btn) return;
    var input = document.querySelector(btn.getAttribute('data-copy'));
    if (!input) return;
    e.preventDefault();
    var status = input.getAttribute('data-copy-now') ? document.querySelector(input.getAttribute('data-copy-now')) : null;
    copyField(input, status, btn);
  });
  // "Copy invite link" copies at once: the click that asked for the link copies it when it arrives.
  document.addEventListener('htmx:after:swap', function () {
    document.querySelectorAll('#modal-root [data-copy-now]:not([data-copied])').forEach(function (input) {
      input.setAttribute('data-copied', '');
      copyField(input, document.querySelector(input.getAttribute('data-copy-now')), null);
    });
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
  // An open menu floats over the page, below its "…" (above it when there is no room below): inside a
  // table card that scrolls sideways, an absolutely placed menu would be cut off at the card's edge.
  function placeMenu(d) {
    var items = d.querySelector('.menu-items');
    var summary = d.querySelector('summary');
    if (!items || !summary) return;
    if (!d.open) {
      items.classList.remove('floating');
      items.style.top = items.style.left = '';
      return;
    }
    items.classList.add('floating');
    var r = summary.getBoundingClientRect();
    var h = items.offsetHeight;
    var top = r.bottom + 4;
    if (top + h > window.innerHeight && r.top - 4 - h >= 0) top = r.top - 4 - h;
    items.style.top = top + 'px';
    items.style.left = Math.max(8, r.right - items.offsetWidth) + 'px';
  }
  document.addEventListener(
    'toggle',
    function (e) {
      if (e.target && e.target.matches && e.target.matches('details.menu')) placeMenu(e.target);
    },
    true,
  );
  function placeOpenMenus() {
    document.querySelectorAll('details.menu[open]').forEach(placeMenu);
  }
  window.addEventListener('scroll', placeOpenMenus, true);
  window.addEventListener('resize', placeOpenMenus);
  // Arrow keys move through an open menu's items, as people expect of a menu (Tab works too).
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var menu = e.target && e.target.closest ? e.target.closest('details.menu[open]') : null;
    if (!menu) return;
    var items = Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
    if (!items.length) return;
    e.preventDefault();
    var i = items.indexOf(e.target);
    var next = e.key === 'ArrowDown' ? (i + 1) % items.length : i <= 0 ? items.length - 1 : i - 1;
    items[next].focus();
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
  // Bulk actions: the header's box ticks every row of the page (without JavaScript it is sent as "all on
  // this page"); a row's box keeps it in step (ticked, unticked, or mixed: then the rows' own boxes count).
  function rowBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#user-rows input[type="checkbox"]'));
  }
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (!box || !box.matches) return;
    var all = document.querySelector('#bulk input[name="onpage"]');
    if (!all) return;
    if (box === all) {
      rowBoxes().forEach(function (b) { b.checked = all.checked; });
      all.indeterminate = false;
    } else if (box.closest('#user-rows')) {
      var boxes = rowBoxes();
      var on = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = on === boxes.length;
      all.indeterminate = on > 0 && on < boxes.length;
    }
  });
  // A Users or Groups row's "…" is a link to its actions page. With htmx, a click fetches the open menu
  // into its place instead (the rows stay light: no menu is sent until one is opened), and focus goes to it.
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('#user-rows td:last-child > a[href*="/actions"], #group-rows td:last-child > a[href*="/actions"]') : null;
    if (!link || !window.htmx || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    var cell = link.parentNode;
    window.htmx.ajax('GET', link.getAttribute('href'), { source: link, target: link, swap: 'outerHTML' }).then(function () {
      var summary = cell && cell.querySelector('details.menu > summary');
      if (summary) {
        placeMenu(summary.parentNode);
        summary.focus();
      }
    });
  });
})();
