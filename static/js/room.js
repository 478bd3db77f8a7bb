// The interview room: editor, autosave (server + this browser), timer, double-submit guard.
(function () {
  "use strict";
  const form = document.getElementById("code-form");
  if (!form) return;
  const textarea = document.getElementById("code");
  const explanation = document.getElementById("explanation");
  const status = document.getElementById("save-status");
  const token = document.getElementById("client-token");
  const storageKey = form.dataset.storageKey;
  const newToken = () => (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  token.value = newToken();

  // A draft kept in this browser survives a lost connection; restore it if newer than the server's.
  try {
    const local = JSON.parse(localStorage.getItem(storageKey) || "null");
    const serverSavedAt = Number(form.dataset.savedAt || 0) * 1000;
    if (local && local.at > serverSavedAt && local.code !== textarea.value) {
      textarea.value = local.code;
      explanation.value = local.explanation || explanation.value;
      status.textContent = "Restored unsaved changes from this browser";
    }
  } catch (e) { /* storage unavailable: the server copy still holds */ }

  let editor = null;
  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "python", lineNumbers: true, indentUnit: 4, tabSize: 4, indentWithTabs: false,
      matchBrackets: true, viewportMargin: Infinity,
      extraKeys: { Tab: (cm) => cm.execCommand(cm.somethingSelected() ? "indentMore" : "insertSoftTab") },
    });
  }
  const sync = () => { if (editor) editor.save(); };

  let timer = null;
  let dirty = false;
  const remember = () => {
    sync();
    try { localStorage.setItem(storageKey, JSON.stringify({ code: textarea.value, explanation: explanation.value, at: Date.now() })); } catch (e) {}
  };
  const save = () => {
    if (!dirty) return;
    remember();
    const data = new FormData(form);
    data.delete("client_token");
    fetch(form.dataset.saveUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then((r) => r.text().then((t) => { status.textContent = r.ok ? t.trim() : "Not saved: " + t; if (r.ok) dirty = false; }))
      .catch(() => { status.textContent = "Offline: your draft is kept in this browser"; });
  };
  const changed = () => { dirty = true; remember(); clearTimeout(timer); timer = setTimeout(save, 1000); };
  if (editor) editor.on("change", changed); else textarea.addEventListener("input", changed);
  explanation.addEventListener("input", changed);
  window.addEventListener("beforeunload", () => {
    if (!dirty) return;
    remember();
    const data = new FormData(form);
    data.delete("client_token");
    navigator.sendBeacon(form.dataset.saveUrl, data);
  });

  // Before each Run/Submit, copy the editor into the form; after an answer, a new token.
  document.body.addEventListener("htmx:configRequest", (evt) => {
    if (evt.detail.elt && evt.detail.elt.form === form) {
      sync();
      evt.detail.parameters.code = textarea.value;
      evt.detail.parameters.explanation = explanation.value;
    }
  });
  document.body.addEventListener("htmx:afterRequest", (evt) => {
    if (evt.detail.elt && evt.detail.elt.form === form) { token.value = newToken(); dirty = false; }
  });
  form.addEventListener("submit", sync);

  // The timer: at zero, finish the interview (the server checks the deadline too).
  const clock = document.getElementById("timer");
  if (clock) {
    let left = Number(clock.dataset.secondsLeft);
    const show = () => {
      const m = Math.floor(left / 60), s = left % 60;
      clock.textContent = `${m}:${String(s).padStart(2, "0")}`;
      clock.classList.toggle("low", left < 300);
    };
    show();
    const tick = setInterval(() => {
      left = Math.max(0, left - 1);
      show();
      if (left === 0) { clearInterval(tick); save(); document.getElementById("finish-form").submit(); }
    }, 1000);
  }
})();
