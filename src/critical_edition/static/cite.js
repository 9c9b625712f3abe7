/* critical_edition: the "Cite this page" box. Copy buttons, and citing one paragraph from its number in the
   margin: the citations of every paragraph are made at build time by the CSL processor and kept in a JSON block.
   No framework, no network. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  }

  /* The citations' addresses are made at build time: the edition's permanent ones, or none (never the address
     the reader happens to be at, which may be a file on their own computer). */
  function setup(box) {
    var status = box.querySelector(".edition-cite-status");
    var summary = box.querySelector("summary");
    var scopeText = box.querySelector(".edition-cite-scope-text");
    var hint = box.querySelector(".edition-cite-hint");
    var whole = box.querySelector(".edition-cite-whole");
    var dataNode = box.querySelector("script.edition-cite-paragraphs");
    var paragraphs = {};
    if (dataNode) {
      try { paragraphs = JSON.parse(dataNode.textContent); } catch (e) { paragraphs = {}; }
    }
    var home = document.createComment("cite box");
    box.parentNode.insertBefore(home, box);
    var original = {
      summary: summary.textContent,
      scope: scopeText.textContent,
      texts: {}
    };
    box.querySelectorAll(".edition-cite-style").forEach(function (row) {
      var text = row.querySelector(".edition-cite-text");
      if (text) original.texts[row.dataset.style] = text.innerHTML;
    });

    box.querySelectorAll(".edition-cite-copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copy);
        if (!target) return;
        var text = target.textContent;
        var row = button.closest(".edition-cite-style");
        var intext = row && row.querySelector(".edition-cite-intext");
        var value = intext && !intext.hidden && intext.querySelector(".edition-cite-intext-value");
        if (value) text = text.trim() + "\n" + value.textContent;
        copyText(text.trim(), function (ok) {
          status.textContent = ok ? "Copied to the clipboard." : "Copying failed: select the text and copy it.";
        });
      });
    });

    function citeWhole() {
      summary.textContent = original.summary;
      scopeText.textContent = original.scope;
      if (hint) hint.hidden = false;
      whole.hidden = true;
      box.querySelectorAll(".edition-cite-style").forEach(function (row) {
        var text = row.querySelector(".edition-cite-text");
        var intext = row.querySelector(".edition-cite-intext");
        if (text && original.texts[row.dataset.style] !== undefined) text.innerHTML = original.texts[row.dataset.style];
        if (intext) { intext.hidden = true; intext.textContent = ""; }
      });
      if (box.previousSibling !== home) home.parentNode.insertBefore(box, home.nextSibling);
    }

    function citeParagraph(number, paragraph) {
      var cites = paragraphs[number];
      if (!cites) return;
      summary.textContent = "Cite ¶ " + number;
      scopeText.textContent = "Citing paragraph " + number + " (¶ " + number + ").";
      if (hint) hint.hidden = true;
      whole.hidden = false;
      box.querySelectorAll(".edition-cite-style").forEach(function (row) {
        var key = row.dataset.style;
        var text = row.querySelector(".edition-cite-text");
        var intext = row.querySelector(".edition-cite-intext");
        if (!text || cites[key] === undefined) return;
        if (key === "chicago-note") {
          text.innerHTML = cites[key];  /* HTML made and escaped by the CSL processor at build time */
        } else if (intext) {
          intext.textContent = "In the text: ";
          var value = document.createElement("span");
          value.className = "edition-cite-intext-value";
          value.innerHTML = cites[key];  /* as above */
          intext.appendChild(value);
          intext.hidden = false;
        }
      });
      paragraph.parentNode.insertBefore(box, paragraph.nextSibling);
      box.open = true;
      /* after the link has moved the page to the paragraph, which would take the focus back */
      window.setTimeout(function () { summary.focus(); }, 0);
    }

    whole.addEventListener("click", function () { citeWhole(); summary.focus(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.open) { box.open = false; summary.focus(); }
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.para-num");
      if (!link) return;
      var id = (link.getAttribute("href") || "").replace(/^#/, "");
      var paragraph = document.getElementById(id);
      var number = id.replace(/^p-/, "");
      if (paragraph && paragraphs[number]) citeParagraph(number, paragraph);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("cite-this");
    if (box) setup(box);
  });
})();
