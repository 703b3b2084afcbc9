/*
 * The headache self-check widget for a clinic's website. One tag:
 *
 *   <script src="https://bot.example/webchat/widget.js" data-server="https://bot.example"
 *           data-emergency-number="999" data-title="Headache self-check" defer></script>
 *
 * data-server defaults to the origin this file came from. It adds widget.css
 * and chat.css, loads the socket.io client, headmap.js and chat.js from that
 * server (in this order), and puts a chat button in the bottom-right corner
 * that opens the chat panel. Any element with a data-hw-open attribute opens
 * the panel too.
 *
 * Only two things are kept in the browser, in sessionStorage (gone when the
 * tab closes): the session token (chat.js) and whether the panel was open.
 * Everything is prefixed hw- and lives in one element at the end of <body>.
 */
(function () {
  "use strict";

  if (window.HeadacheWidget) return;   // the tag was included twice: keep the first

  const OPEN_KEY = "headacheWidgetOpen";
  const LAUNCHER_LABEL = "Open headache self-check";

  const ICON_CHAT = '<svg viewBox="0 0 24 24" focusable="false"><path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11' +
    'A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z" fill="none" ' +
    'stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8.5 8.5h7M8.5 11.5h4.5" ' +
    'stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
  const ICON_DOWN = '<svg viewBox="0 0 24 24" focusable="false"><path d="m6 9.5 6 6 6-6" fill="none" ' +
    'stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>';
  const ICON_CLOSE = '<svg viewBox="0 0 24 24" focusable="false"><path d="M6.5 6.5l11 11M17.5 6.5l-11 11" ' +
    'stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/></svg>';

  const script = document.currentScript || document.querySelector('script[src*="/webchat/widget.js"]');
  const config = readConfig(script);
  let ui = null;
  let chat = null;
  let dependencies = null;   // socket.io, the head map and the chat core, loading
  let connecting = false;

  function readConfig(tag) {
    const data = (tag && tag.dataset) || {};
    const origin = tag && tag.src ? new URL(tag.src, window.location.href).origin : window.location.origin;
    return {
      server: (data.server || origin).replace(/\/+$/, ""),
      emergencyNumber: data.emergencyNumber || "999",
      title: data.title || "Headache self-check",
    };
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function remember(open) {
    try {
      if (open) window.sessionStorage.setItem(OPEN_KEY, "1");
      else window.sessionStorage.removeItem(OPEN_KEY);
    } catch (e) { /* storage unavailable: the panel just won't reopen after a reload */ }
  }

  function wasOpen() {
    try { return window.sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { return false; }
  }

  function buildUi() {
    const title = escapeHtml(config.title);
    const number = escapeHtml(config.emergencyNumber);
    const tel = escapeHtml(config.emergencyNumber.replace(/[^\d+]/g, ""));
    const root = document.createElement("div");
    root.className = "hw-root";
    root.hidden = true;   // until widget.css has loaded
    root.innerHTML =
      '<button type="button" class="hw-launcher" aria-label="' + LAUNCHER_LABEL + '" ' +
        'aria-expanded="false" aria-controls="hw-panel">' +
        '<span class="hw-icon hw-launcher-open" aria-hidden="true">' + ICON_CHAT + "</span>" +
        '<span class="hw-icon hw-launcher-close" aria-hidden="true">' + ICON_DOWN + "</span>" +
        '<span class="hw-launcher-text">Headache self-check</span>' +
      "</button>" +
      '<div class="hw-panel" id="hw-panel" role="dialog" aria-label="' + title + '" hidden>' +
        '<div class="hw-header">' +
          '<div class="hw-header-text">' +
            '<h2 class="hw-title" tabindex="-1">' + title + "</h2>" +
            '<p class="hw-disclaimer">A self-check, not a diagnosis. In an emergency call ' +
              '<a class="hw-header-tel" href="tel:' + tel + '">' + number + "</a>.</p>" +
          "</div>" +
          '<button type="button" class="hw-close" aria-label="Close ' + title + '">' +
            '<span class="hw-icon" aria-hidden="true">' + ICON_CLOSE + "</span></button>" +
        "</div>" +
        '<div class="hw-body"><p class="hw-loading">Loading the self-check…</p></div>' +
      "</div>";

    const parts = {
      root: root,
      launcher: root.querySelector(".hw-launcher"),
      panel: root.querySelector(".hw-panel"),
      title: root.querySelector(".hw-title"),
      body: root.querySelector(".hw-body"),
    };
    parts.launcher.addEventListener("click", () => (isOpen() ? close() : open()));
    root.querySelector(".hw-close").addEventListener("click", () => close());
    parts.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" || event.key === "Esc") {
        event.stopPropagation();
        close();
      } else if (event.key === "Tab") {
        keepFocusInside(event);
      }
    });
    return parts;
  }

  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), ' +
    'select:not([disabled]), [tabindex]:not([tabindex="-1"])';

  /** Tab from the last control goes back to the first, Shift+Tab the other way: the
   *  panel keeps the focus until it is closed (Escape or the close button). */
  function keepFocusInside(event) {
    const focusable = Array.from(ui.panel.querySelectorAll(FOCUSABLE))
      .filter((node) => node.getClientRects().length && !node.closest("[hidden], [aria-hidden='true']"));
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const inside = ui.panel.contains(document.activeElement);
    if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && (document.activeElement === first || document.activeElement === ui.title)) {
      event.preventDefault();
      last.focus();
    }
  }

  // On touch screens focusing the text box would throw up the keyboard.
  function isTouch() {
    return Boolean(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  }

  function isOpen() {
    return Boolean(ui) && !ui.panel.hidden;
  }

  /** Opens the panel; moves focus into it unless {focus: false}. */
  function open(options) {
    const moveFocus = !options || options.focus !== false;
    if (!ui) return;
    connect();
    ui.panel.hidden = false;
    ui.root.classList.add("hw-is-open");
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.launcher.classList.remove("hw-unread");
    remember(true);
    if (moveFocus) {
      if (chat && !isTouch()) chat.focusInput();
      else ui.title.focus();
    }
  }

  function close() {
    if (!ui || !isOpen()) return;
    ui.panel.hidden = true;
    ui.root.classList.remove("hw-is-open");
    ui.launcher.setAttribute("aria-expanded", "false");
    remember(false);
    ui.launcher.focus();
  }

  function addStylesheet(href) {
    return new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = resolve;
      link.onerror = resolve;   // show the (plain) controls anyway
      document.head.appendChild(link);
    });
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.async = false;
      tag.onload = () => resolve();
      tag.onerror = () => reject(new Error("Could not load " + src));
      document.head.appendChild(tag);
    });
  }

  /** socket.io, then the head map, then the chat core; returns our io function. */
  function loadDependencies() {
    const base = config.server + "/webchat/";
    const hostIo = window.io;   // the page may use its own socket.io: leave it in place
    let ownIo = null;
    return loadScript(base + "vendor/socket.io.min.js")
      .then(() => {
        ownIo = window.io;
        if (hostIo) window.io = hostIo;
      })
      .then(() => (window.HeadMap ? null : loadScript(base + "headmap.js")))
      .then(() => (window.HeadacheChat ? null : loadScript(base + "chat.js")))
      .then(() => ownIo);
  }

  function startChat(io) {
    ui.body.textContent = "";
    chat = new window.HeadacheChat({
      serverUrl: config.server,
      socketPath: "/socket.io/",
      persist: true,
      io: io,
      container: ui.body,
      emergencyNumber: config.emergencyNumber,
      onSession: (token) => {
        if (token) ui.panel.setAttribute("data-session-ready", "1");
        else ui.panel.removeAttribute("data-session-ready");
      },
      onMessage: () => {
        if (!isOpen()) ui.launcher.classList.add("hw-unread");
      },
      onAssessment: (payload) => {
        if (payload && payload.triage === "emergency" && !isOpen()) open({ focus: false });
      },
    });
    window.headacheChat = chat;
    chat.start();
    // Opened while loading: focus was put on the title; the text box is ready now.
    if (document.activeElement === ui.title && !isTouch()) chat.focusInput();
  }

  function showUnavailable() {
    ui.body.innerHTML = "";
    const note = document.createElement("p");
    note.className = "hw-loading";
    note.textContent = "The self-check is not available right now. Please try again later or call " +
      "the clinic. In an emergency call " + config.emergencyNumber + ".";
    ui.body.appendChild(note);
  }

  function init() {
    ui = buildUi();
    document.body.appendChild(ui.root);
    // widget.css first: chat.css must come after its resets.
    Promise.all([addStylesheet(config.server + "/webchat/widget.css"),
      addStylesheet(config.server + "/webchat/chat.css")]).then(() => { ui.root.hidden = false; });
    document.addEventListener("click", (event) => {
      const trigger = event.target.closest && event.target.closest("[data-hw-open]");
      if (!trigger) return;
      event.preventDefault();
      open();
    });
    dependencies = loadDependencies();
    if (wasOpen()) open({ focus: false });   // it was open before the page reloaded
  }

  /** The connection opens with the panel: a page view alone costs the server nothing. */
  function connect() {
    if (connecting) return;
    connecting = true;
    dependencies.then(startChat).catch((error) => {
      if (window.console) window.console.error("Headache self-check:", error);
      showUnavailable();
    });
  }

  window.HeadacheWidget = { open: open, close: close };

  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
