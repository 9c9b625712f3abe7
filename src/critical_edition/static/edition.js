/* critical_edition: view switch (reading / diplomatic / side by side), hover/focus cards, notes and apparatus in place. No framework, no network. */
(function () {
  "use strict";
  // --- views: reading text, diplomatic (the witness as captured), side by side ---------------------
  var KEY = "edition-view";
  var VIEWS = [["reading", "Reading text"], ["diplomatic", "Diplomatic (as captured)"], ["parallel", "Side by side"]];

  function known(view) { return VIEWS.some(function (v) { return v[0] === view; }); }

  // side by side: each block of the witness, then the block of the edited text it reproduces (CSS grid order)
  function pairBlocks(views) {
    var text = views.querySelector(".edited-text");
    if (!text || views.dataset.paired) return;
    var order = 0;
    views.querySelectorAll(".witness-block").forEach(function (block) {
      var target = block.dataset.for ? document.getElementById(block.dataset.for) : null;
      while (target && target.parentNode !== text) target = target.parentNode;
      order += 2;
      block.style.order = order;
      if (target && !target.style.order) target.style.order = order + 1;
    });
    var last = 1;  // what the edited text has beyond the witness follows the block before it
    Array.prototype.forEach.call(text.children, function (child) {
      if (child.style.order) last = child.style.order; else child.style.order = last;
    });
    views.dataset.paired = "1";
  }

  function setView(view, fromBack) {
    var root = document.documentElement;
    root.classList.toggle("edition-diplomatic", view === "diplomatic");
    root.classList.toggle("edition-parallel", view === "parallel");
    if (view === "parallel") document.querySelectorAll(".edition-views").forEach(pairBlocks);
    document.querySelectorAll(".edition-view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.view === view));
      if (fromBack && b.dataset.view === view) b.focus();
    });
    try { localStorage.setItem(KEY, view); } catch (e) { /* storage may be unavailable */ }
    try {  // the address names the view, so that it can be shared
      var url = new URL(window.location.href);
      if (view === "reading") url.searchParams.delete("view"); else url.searchParams.set("view", view);
      if (url.href !== window.location.href) history.replaceState(history.state, "", url.href);
    } catch (e) { /* file: pages may refuse */ }
  }

  function addSwitch() {
    var texts = document.querySelectorAll(".edited-text");
    if (!texts.length) return;
    texts.forEach(function (text) {
      var views = text.closest(".edition-views"), witness = views && views.querySelector(".edition-witness");
      var group = document.createElement("div");
      group.className = "edition-view-switch";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Text view");
      VIEWS.forEach(function (v) {
        if (v[0] !== "reading" && !witness) return;
        var b = document.createElement("button");
        b.type = "button"; b.dataset.view = v[0]; b.textContent = v[1];
        b.addEventListener("click", function () { setView(v[0]); });
        group.appendChild(b);
      });
      (views || text).parentNode.insertBefore(group, views || text);
      if (witness) {
        var back = document.createElement("button");
        back.type = "button"; back.className = "edition-back"; back.textContent = "Back to reading text";
        back.addEventListener("click", function () { setView("reading", true); });
        witness.insertBefore(back, witness.firstChild);
      }
    });
    var saved = "reading";
    try { saved = localStorage.getItem(KEY) || "reading"; } catch (e) { /* ignore */ }
    var asked = new URLSearchParams(window.location.search).get("view");  // links may name a view
    setView(known(asked) ? asked : known(saved) ? saved : "reading");
  }

  // A card shows on hover or focus, stays while the pointer is over it, and Escape dismisses it (WCAG 1.4.13).
  var popup = null, timer = null;
  function cancel() { if (timer) { clearTimeout(timer); timer = null; } }
  function hide() { cancel(); if (popup) { popup.remove(); popup = null; } }
  function hideSoon() { cancel(); timer = setTimeout(hide, 300); }
  function show(link, card) {
    hide();
    popup = document.createElement("div");
    popup.className = "edition-popup";
    popup.setAttribute("role", "tooltip");
    popup.innerHTML = card.innerHTML;
    popup.addEventListener("mouseenter", cancel);
    popup.addEventListener("mouseleave", hideSoon);
    (link.closest("main") || document.body).appendChild(popup);  // inside the main landmark
    var r = link.getBoundingClientRect();
    var parent = popup.offsetParent ? popup.offsetParent.getBoundingClientRect() : { left: -window.scrollX, top: -window.scrollY };
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - popup.offsetWidth - 8));
    popup.style.left = (left - parent.left) + "px";
    popup.style.top = (r.bottom + 6 - parent.top) + "px";
  }

  function addCards() {
    document.querySelectorAll(".entity[data-entity]").forEach(function (span) {
      var card = document.getElementById("card-" + span.dataset.entity);
      var link = span.querySelector("a");
      if (!card || !link) return;
      link.setAttribute("aria-describedby", card.id);
      link.addEventListener("mouseenter", function () { show(link, card); });
      link.addEventListener("focus", function () { show(link, card); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  }

  // A note marker, or the sign of an intervention, opens its note or apparatus entry in place: on hover (mouse),
  // on keyboard focus and on tap (a second tap, a click or Enter then follows the link to the list).
  // The copy sits right after its marker, so Tab reaches its links; Escape closes it and returns focus.
  var open = null, later = null, count = 0, hushed = null;
  function keep() { if (later) { clearTimeout(later); later = null; } }
  function unpreview(refocus) {
    keep();
    if (!open) return;
    var o = open; open = null;
    o.link.setAttribute("aria-expanded", "false");
    o.link.removeAttribute("aria-controls");
    o.box.remove();
    if (refocus) { hushed = o.link; o.link.focus(); hushed = null; }
  }
  function unpreviewSoon() { keep(); later = setTimeout(function () { unpreview(false); }, 300); }
  function within(node) { return !!open && !!node && (open.box.contains(node) || open.link.contains(node)); }

  function copyOf(source) {
    var part = document.createElement("span");
    part.className = "edition-preview-part";
    [].forEach.call(source.childNodes, function (child) {
      if (child.nodeType === 1 && child.matches(".label, .backrefs")) return;  // "[13]" and "(1, 2)" of a note
      part.appendChild(child.cloneNode(true));
    });
    part.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    return part;
  }

  function placePreview(link, box) {
    var r = link.getBoundingClientRect(), width = document.documentElement.clientWidth;
    var origin = box.offsetParent ? box.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    var left = Math.max(8, Math.min(r.left, width - box.offsetWidth - 8));
    var top = r.bottom + 4;
    if (top + box.offsetHeight > window.innerHeight && r.top - box.offsetHeight - 4 > 0) top = r.top - box.offsetHeight - 4;
    box.style.left = (left - origin.left) + "px";
    box.style.top = (top - origin.top) + "px";
  }

  function preview(link) {
    keep();
    if (open && open.link === link) return;
    unpreview(false);
    var ids = (link.dataset.preview || decodeURIComponent(link.hash.slice(1))).split(" ");
    var box = document.createElement("span");
    box.className = "edition-preview";
    box.id = "edition-preview-" + (++count);
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", link.matches(".footnote-reference") ? "note " + link.textContent.replace(/\W/g, "") : "apparatus");
    ids.forEach(function (id) { var source = document.getElementById(id); if (source) box.appendChild(copyOf(source)); });
    if (!box.firstChild) return;
    box.addEventListener("pointerenter", keep);
    box.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") unpreviewSoon(); });
    box.addEventListener("focusout", function (e) { if (!within(e.relatedTarget)) unpreview(false); });
    link.after(box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    open = { link: link, box: box };
    placePreview(link, box);
  }

  function addPreviews() {
    document.querySelectorAll("main a.footnote-reference[href^='#'], .edited-text a.edition-app-link").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("pointerenter", function (e) { if (e.pointerType === "mouse") preview(link); });
      link.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") unpreviewSoon(); });
      link.addEventListener("focus", function () { if (hushed !== link && link.matches(":focus-visible")) preview(link); });
      link.addEventListener("focusout", function (e) { if (!within(e.relatedTarget)) unpreview(false); });
      link.addEventListener("click", function (e) {
        if (open && open.link === link) { unpreview(false); return; }  // already shown: follow the link
        e.preventDefault();  // a tap shows the note first
        preview(link);
      });
    });
    document.addEventListener("pointerdown", function (e) { if (open && !within(e.target)) unpreview(false); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && open) unpreview(within(document.activeElement) || document.activeElement === document.body);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { addSwitch(); addCards(); addPreviews(); });
})();
