// claimcheck review app: small progressive enhancement over server-rendered forms (no framework).
// Every page works without it; with it: keyboard review of the claim list, bulk selection, evidence
// reordering, and quoting by selecting words.
"use strict";

(function () {
  const csrf = document.body.dataset.csrf;
  const LABELS = { "1": "real", "2": "partially_true", "3": "hype", "4": "unverified" };

  function typing(event) {
    const t = event.target;
    return t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
  }

  // ---- the claim list: j/k, 1-4, a, r, e, x -------------------------------------------------
  const rows = Array.from(document.querySelectorAll(".claim-row"));
  if (rows.length) {
    let current = Math.max(0, rows.findIndex((row) => "#" + row.id === location.hash));
    const focus = (i) => {
      rows.forEach((row) => row.classList.remove("current"));
      current = Math.min(rows.length - 1, Math.max(0, i));
      rows[current].classList.add("current");
      rows[current].focus({ preventScroll: false });
      history.replaceState(null, "", "#" + rows[current].id);
    };
    focus(current);
    const decide = (body) => {
      const row = rows[current];
      body.version = Number(row.dataset.version);
      fetch("/api/claims/" + row.dataset.ref + "/decision", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
      })
        .then((r) => r.json().then((json) => ({ ok: r.ok, json })))
        .then(({ ok, json }) => {
          if (!ok) { window.alert(json.error || "not saved"); }
          location.reload();
        });
    };
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.metaKey || event.ctrlKey || event.altKey) { return; }
      const key = event.key;
      if (key === "j") { focus(current + 1); }
      else if (key === "k") { focus(current - 1); }
      else if (LABELS[key]) { decide({ action: "save", label: LABELS[key] }); }
      else if (key === "a") { decide({ action: "approve" }); }
      else if (key === "r") { decide({ action: "reject" }); }
      else if (key === "e") { location.href = rows[current].dataset.edit; }
      else if (key === "x") {
        const box = rows[current].querySelector("input[type=checkbox]");
        box.checked = !box.checked;
      } else { return; }
      event.preventDefault();
    });
  }
  const confident = document.getElementById("select-confident");
  if (confident) {
    confident.addEventListener("click", () => {
      document.querySelectorAll("input[data-confident]").forEach((box) => { box.checked = true; });
    });
  }

  // ---- the claim page: reorder evidence, quote by selecting ---------------------------------
  const list = document.getElementById("evidence-list");
  if (list) {
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) { return; }
      const item = button.closest("li");
      if (button.classList.contains("up") && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (button.classList.contains("down") && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
    });
  }
  // Selecting words in a search hit's passage fills its quote (and where it starts in the passage).
  document.querySelectorAll(".hit .passage").forEach((passage) => {
    passage.addEventListener("mouseup", () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || !passage.contains(selection.anchorNode)) { return; }
      const range = selection.getRangeAt(0);
      const before = document.createRange();
      before.setStart(passage.firstChild, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const form = passage.parentElement.querySelector("form.attach");
      form.querySelector("input.quote").value = selection.toString();
      form.querySelector("input[name=start]").value = String(before.toString().length);
    });
  });
  // Selecting words in a transcript turn fills the add-claim form.
  document.querySelectorAll(".turn .turn-text").forEach((text) => {
    text.addEventListener("mouseup", () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) { return; }
      document.getElementById("utterance").value = text.closest(".turn").dataset.index;
      document.getElementById("quote").value = selection.toString().trim();
    });
  });
  // A hand-typed quote has no known start: let the server find it.
  document.querySelectorAll("form.attach input.quote").forEach((input) => {
    input.addEventListener("input", () => { input.form.querySelector("input[name=start]").value = ""; });
  });
})();
