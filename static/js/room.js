// The interview room: editor, autosave (server + this browser), timer, double-submit guard,
// and the messages a candidate must see: logged out, changed in another tab, interview ended.
(function () {
  "use strict";
  const form = document.getElementById("code-form");
  if (!form) return;

  // Back/Forward may show this page from the browser's memory although the interview
  // has ended since: ask the server again (it answers with the scorecard then).
  window.addEventListener("pageshow", (evt) => { if (evt.persisted) window.location.reload(); });

  const textarea = document.getElementById("code");
  const explanation = document.getElementById("explanation");
  const status = document.getElementById("save-status");
  const token = document.getElementById("client-token");
  const versionInput = document.getElementById("draft-version");
  const alertBox = document.getElementById("room-alert");
  const announcer = document.getElementById("announcer");
  const storageKey = form.dataset.storageKey;
  const newToken = () => (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  token.value = newToken();

  const announce = (text) => {
    if (!announcer || !text) return;
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50);  // a change screen readers notice
  };
  const showAlert = (text, link) => {
    alertBox.textContent = text + (link ? " " : "");
    if (link) {
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      alertBox.appendChild(a);
    }
    alertBox.hidden = false;
  };
  const loginLink = () => ({ href: form.dataset.loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search), text: "Log in again" });

  // A draft kept in this browser survives a lost connection; restore it when it is newer
  // than the server's copy and was written on top of the same saved version.
  let restored = false;
  let olderCopy = null;  // unsaved text written on top of a version another tab replaced
  try {
    const local = JSON.parse(localStorage.getItem(storageKey) || "null");
    const serverSavedAt = Number(form.dataset.savedAt || 0) * 1000;
    const sameBase = !local || local.version === undefined || local.version === Number(versionInput.value);
    const localExplanation = local && typeof local.explanation === "string" ? local.explanation : explanation.value;
    if (local && local.at > serverSavedAt && sameBase
        && (local.code !== textarea.value || localExplanation !== explanation.value)) {
      textarea.value = local.code;
      explanation.value = localExplanation;
      status.textContent = "Restored unsaved changes from this browser";
      restored = true;
    } else if (local && local.at > serverSavedAt && !sameBase
        && (local.code !== textarea.value || localExplanation !== explanation.value)) {
      olderCopy = { code: local.code, explanation: localExplanation };
    }
  } catch (e) { /* storage unavailable: the server copy still holds */ }

  let editor = null;
  if (window.CodeMirror) {
    // Tab indents; Esc then Tab (or Shift+Tab) leaves the editor, as the page says: the
    // Tab that follows Esc is left to the browser (codemirrorIgnore), which moves focus.
    let escaped = false;
    editor = CodeMirror.fromTextArea(textarea, {
      mode: form.dataset.editorMode || "python", lineNumbers: true, indentUnit: 4, tabSize: 4, indentWithTabs: false,
      matchBrackets: true, viewportMargin: Infinity, inputStyle: "contenteditable",
      screenReaderLabel: `Your solution (${form.dataset.languageLabel || "Python 3"})`,
      extraKeys: {
        Tab: (cm) => cm.execCommand(cm.somethingSelected() ? "indentMore" : "insertSoftTab"),
        "Shift-Tab": (cm) => cm.execCommand("indentLess"),
        Esc: () => { escaped = true; announce("Press Tab to leave the editor."); },
      },
    });
    editor.on("keydown", (cm, evt) => {
      if (evt.key === "Tab" && escaped) { escaped = false; evt.codemirrorIgnore = true; return; }
      if (evt.key !== "Escape" && evt.key !== "Shift") escaped = false;
    });
    editor.on("blur", () => { escaped = false; });
    const input = editor.getInputField();
    input.setAttribute("aria-describedby", "editor-help");
    input.setAttribute("aria-multiline", "true");
    input.setAttribute("role", "textbox");
  }
  const sync = () => { if (editor) editor.save(); };

  // Another language: the server swaps the draft for that language's starter code.
  const language = document.getElementById("language");
  if (language) {
    language.addEventListener("change", () => {
      const ask = "Switch language? Your code here is replaced by the starter code in " +
        language.options[language.selectedIndex].text + " (the current draft stays in the replay).";
      if (window.confirm(ask)) { dirty = false; language.form.submit(); }
      else language.value = language.dataset.current;
    });
  }

  let timer = null;
  let dirty = false;
  let halted = false;  // logged out, stale or ended: stop saving until the page is reloaded
  let inFlight = null;
  let offline = false;
  const remember = () => {
    sync();
    const draft = { code: textarea.value, explanation: explanation.value, at: Date.now(), version: Number(versionInput.value) };
    try { localStorage.setItem(storageKey, JSON.stringify(draft)); } catch (e) {}
  };
  const setVersion = (version) => {
    if (typeof version !== "number") return;
    versionInput.value = String(version);
    remember();
  };
  const halt = (message, link) => {
    halted = true;
    status.textContent = "Not saved";
    showAlert(message, link);
    announce(message);
  };
  const refused = {
    401: (text) => halt(text, loginLink()),
    // CSRF refusal: this page's token is from before a log in or out elsewhere.
    403: () => halt("This page is out of date (you logged in or out in another tab), so nothing was saved. "
      + "Your draft is kept in this browser; reload the page to continue.", { href: location.pathname + location.search, text: "Reload" }),
    409: (text) => halt(text, { href: location.pathname + location.search, text: "Reload" }),
    410: (text) => {
      halt(text, { href: form.dataset.scorecardUrl, text: "See the scorecard" });
      form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    },
  };
  const versionFrom = (header) => {
    try { return JSON.parse(header || "{}")["draft-saved"].version; } catch (e) { return undefined; }
  };
  // One save at a time: a second one would start from the version the first replaces.
  const save = () => {
    clearTimeout(timer);
    if (inFlight) return inFlight;
    if (!dirty || halted) return Promise.resolve();
    remember();
    const data = new FormData(form);
    data.delete("client_token");
    dirty = false;
    inFlight = fetch(form.dataset.saveUrl, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "X-Requested-With": "fetch" },
    }).then((r) => r.text().then((text) => {
      if (r.ok && r.type !== "opaqueredirect") {
        setVersion(versionFrom(r.headers.get("HX-Trigger")));
        status.textContent = text.trim();
        return;
      }
      dirty = true;
      if (refused[r.status]) refused[r.status](text.trim());
      else status.textContent = "Not saved: " + (r.status === 422 ? text.trim() : "the server did not accept it (" + (r.status || "redirect") + ")");
    })).catch(() => {
      dirty = true;
      offline = true;
      status.textContent = "Offline: your draft is kept in this browser";
    }).finally(() => {
      inFlight = null;
      if (offline && !halted) timer = setTimeout(save, 3000);  // retry until back online
      offline = false;
    });
    return inFlight;
  };
  const changed = () => { dirty = true; remember(); clearTimeout(timer); timer = setTimeout(save, 1000); };
  if (editor) editor.on("change", changed); else textarea.addEventListener("input", changed);
  explanation.addEventListener("input", changed);
  if (restored) changed();  // the server gets the restored copy too
  if (olderCopy) {  // never dropped silently: the candidate chooses
    showAlert("This browser also kept unsaved text from a tab that was out of date; the latest saved copy is shown.");
    const use = document.createElement("button");
    use.type = "button";
    use.className = "secondary";
    use.textContent = "Use this browser's copy instead";
    use.addEventListener("click", () => {
      if (editor) editor.setValue(olderCopy.code); else textarea.value = olderCopy.code;
      explanation.value = olderCopy.explanation;
      alertBox.hidden = true;
      changed();
    });
    alertBox.append(" ", use);
  }
  window.addEventListener("beforeunload", () => {
    if (!dirty || halted) return;
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
    if (evt.detail.elt && evt.detail.elt.form === form) {
      token.value = newToken();
      if (evt.detail.successful && evt.detail.xhr.status === 200) dirty = false;
    }
  });
  // The server names the draft version a Submit saved (django-htmx trigger_client_event).
  document.body.addEventListener("draft-saved", (evt) => {
    setVersion(evt.detail.version);
    status.textContent = "Draft saved";
  });
  // Under DEBUG, django-htmx's script (listening on the document) would replace the whole
  // page with a 403's error page: the room answers that one itself, keeping the code.
  document.body.addEventListener("htmx:beforeOnLoad", (evt) => {
    if (evt.detail.xhr.status === 403) evt.stopPropagation();
  });
  document.body.addEventListener("htmx:responseError", (evt) => {
    const xhr = evt.detail.xhr;
    if (refused[xhr.status]) refused[xhr.status](xhr.responseText.trim());
  });
  document.body.addEventListener("htmx:sendError", () => {
    showAlert("The server could not be reached; your code is kept in this browser. Try again in a moment.");
  });

  // Screen readers hear each final result and each finished answer of the interviewer.
  let lastResult = "";
  let lastTurn = "";
  document.body.addEventListener("htmx:afterSettle", () => {
    const result = document.querySelector("#submission-result h3, #submission-result .errorlist");
    const resultText = result ? result.textContent.replace(/\s+/g, " ").trim() : "";
    if (resultText && resultText !== lastResult) { lastResult = resultText; announce(resultText); }
    const turns = document.querySelectorAll("#chat li[id^='turn-']");
    const turn = turns[turns.length - 1];
    if (turn && !turn.querySelector("em.muted") && turn.id !== lastTurn) {  // muted: still writing
      lastTurn = turn.id;
      const who = turn.querySelector("strong");
      const body = turn.querySelector(".turn-text") || turn;
      announce(((who ? who.textContent + " " : "") + body.textContent).replace(/\s+/g, " ").trim());
    }
  });

  // The timer counts down to a deadline, not ticks: a stalled or hidden page stays right.
  const clock = document.getElementById("timer");
  if (clock) {
    const end = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
    const finishForm = document.getElementById("finish-form");
    let ticking = null;
    const show = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      const m = Math.floor(left / 60), s = left % 60;
      clock.textContent = `${m}:${String(s).padStart(2, "0")}`;
      clock.classList.toggle("low", left < 300);
      if (left === 0 && ticking !== null) {
        clearInterval(ticking);
        ticking = null;
        // Save the last words first (the server allows it briefly after the deadline).
        const wait = new Promise((resolve) => setTimeout(resolve, 3000));
        Promise.race([save(), wait]).finally(() => finishForm.submit());
      }
    };
    ticking = setInterval(show, 250);
    show();
    document.addEventListener("visibilitychange", show);
  }
})();
