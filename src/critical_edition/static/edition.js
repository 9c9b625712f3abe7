/* critical_edition: view switch (reading / diplomatic) and hover/focus cards. No framework, no network. */
(function () {
  "use strict";
  var KEY = "edition-view";

  function setView(view) {
    document.documentElement.classList.toggle("edition-diplomatic", view === "diplomatic");
    document.querySelectorAll(".edition-view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.view === view));
    });
    try { localStorage.setItem(KEY, view); } catch (e) { /* storage may be unavailable */ }
  }

  function addSwitch() {
    var texts = document.querySelectorAll(".edited-text");
    if (!texts.length) return;
    texts.forEach(function (text) {
      var group = document.createElement("div");
      group.className = "edition-view-switch";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Text view");
      [["reading", "Reading text"], ["diplomatic", "Diplomatic (as printed)"]].forEach(function (v) {
        var b = document.createElement("button");
        b.type = "button"; b.dataset.view = v[0]; b.textContent = v[1];
        b.addEventListener("click", function () { setView(v[0]); });
        group.appendChild(b);
      });
      text.parentNode.insertBefore(group, text);
    });
    var saved = "reading";
    try { saved = localStorage.getItem(KEY) || "reading"; } catch (e) { /* ignore */ }
    var asked = new URLSearchParams(window.location.search).get("view");  // links may name a view
    setView(asked === "diplomatic" || asked === "reading" ? asked : saved);
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

  document.addEventListener("DOMContentLoaded", function () { addSwitch(); addCards(); });
})();
