/*
 * HeadacheChat: the conversation core shared by the website widget
 * (widget.js) and the waiting-room kiosk (kiosk.js).
 *
 * It renders into a given container: the message log, quick-reply buttons,
 * the head map, the assessment and booking cards, and a text box. It talks
 * to the assistant over socket.io:
 *
 *   connect            -> emit session_request {session_id: token | null}
 *   session_confirm    <- the token the server issued (a different one means
 *                         the old conversation is gone: start afresh)
 *   user_uttered       -> {message, session_id}   (queued until confirmed)
 *   bot_uttered        <- {text} | {text, quick_replies} | {custom: {type, ...}}
 *
 * With `persist`, the token is kept in sessionStorage and a reload shows the
 * conversation again from GET /webhooks/webchat/history: the browser keeps
 * only the token, never what the person wrote. Styles: chat.css.
 *
 * One Send: the composer's. It sends what is typed, or else the answer chosen
 * on the head map, the checklist or the number pad of the question asked.
 * The head map is offered only while "where does it hurt?" is asked. In the
 * keyboard order the text box comes first, then Send, then the answer buttons.
 */
(function () {
  "use strict";

  const STORAGE_KEY = "headacheSession";
  const TYPING_TIMEOUT_MS = 20000;

  const TRIAGE = {
    emergency: { title: "Emergency — get help now", icon: "alert" },
    urgent: { title: "Urgent — get medical help today", icon: "clock" },
    see_doctor: { title: "See your doctor", icon: "doctor" },
    self_care: { title: "Likely muscular — self-care and therapy can help", icon: "check" },
  };
  const SERVICES = {
    nmt: "Neuromuscular Therapy (NMT)",
    smrt: "Spontaneous Muscle Release Technique (SMRT)",
  };
  const FACTOR_KINDS = { muscular: "Muscle", habit: "Habit" };
  // The booking card's status, by how the clinic will confirm the time (booking_request.confirm_by).
  const CONFIRM_BY = {
    phone: "Requested — the clinic will call or text you to confirm the time.",
    email: "Requested — the clinic will email you to confirm the time.",
    reception: "Requested — show your reference at reception and they will confirm the time with you.",
    unknown: "Requested — the clinic will confirm the time with you.",
  };

  // Static icon markup (never built from message data).
  const ICONS = {
    alert: '<path d="M12 3 2 20.5h20L12 3z" fill="none" stroke="currentColor" stroke-width="2" ' +
      'stroke-linejoin="round"/><path d="M12 9.5v5" stroke="currentColor" stroke-width="2.2" ' +
      'stroke-linecap="round"/><circle cx="12" cy="17.6" r="1.3" fill="currentColor"/>',
    clock: '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/>' +
      '<path d="M12 7v5.2l3.4 2.2" fill="none" stroke="currentColor" stroke-width="2" ' +
      'stroke-linecap="round" stroke-linejoin="round"/>',
    doctor: '<rect x="3" y="3" width="18" height="18" rx="4.5" fill="none" stroke="currentColor" ' +
      'stroke-width="2"/><path d="M12 7.5v9M7.5 12h9" stroke="currentColor" stroke-width="2.6" ' +
      'stroke-linecap="round"/>',
    check: '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/>' +
      '<path d="m7.8 12.4 2.9 2.9 5.6-6" fill="none" stroke="currentColor" stroke-width="2.2" ' +
      'stroke-linecap="round" stroke-linejoin="round"/>',
    phone: '<path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 ' +
      '3.6.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 ' +
      '1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" fill="currentColor"/>',
    calendar: '<rect x="3.5" y="5" width="17" height="15.5" rx="2.5" fill="none" ' +
      'stroke="currentColor" stroke-width="2"/><path d="M3.5 10h17M8 3v4M16 3v4" ' +
      'stroke="currentColor" stroke-width="2" stroke-linecap="round"/><path d="m9 15 2 2 4-4" ' +
      'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
    head: '<path d="M9.5 21v-3H7.2a1.7 1.7 0 0 1-1.7-1.7V13.5l-1.7-.7a.6.6 0 0 1-.25-.9L5.5 9A7 7 0 ' +
      '0 1 19.5 9.4c0 2.3-1 4.1-2.7 5.4V21" fill="none" stroke="currentColor" stroke-width="1.8" ' +
      'stroke-linejoin="round"/><circle cx="13" cy="8.6" r="2.2" fill="currentColor"/>',
    send: '<path d="M3.4 20.4 21 12 3.4 3.6v6.5L15 12 3.4 13.9z" fill="currentColor"/>',
  };

  const DEFAULTS = {
    serverUrl: "",
    socketPath: "/socket.io/",
    auth: null,
    persist: false,
    container: null,
    emergencyNumber: "999",
    // What the emergency card asks: "call" (a button dialling emergencyNumber) or, on
    // the waiting-room kiosk, "reception" (tell the staff, a few steps away).
    emergencyAction: "call",
    speak: false,
    io: null,              // the socket.io client function; window.io when omitted
    bookingNote: "",       // an extra line under the booking reference (the kiosk's)
    onAssessment: null,    // (payload) a headache_assessment arrived live
    onBooking: null,       // (payload) a booking_request arrived live
    onConnectError: null,  // (error, willRetry) the connection failed or was refused
    onSession: null,       // (token | null) the session is ready / was cleared
    onMessage: null,       // (message) any bot_uttered arrived
  };

  let instances = 0;

  /** el("p", {class: "x", "aria-label": "y"}, child, "text", ...) */
  function el(tag, attrs) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((name) => {
      const value = attrs[name];
      if (value === false || value == null) return;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    for (let i = 2; i < arguments.length; i++) {
      const child = arguments[i];
      if (child == null || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function icon(name, className) {
    const span = el("span", { class: "hw-icon " + (className || ""), "aria-hidden": "true" });
    span.innerHTML = '<svg viewBox="0 0 24 24" focusable="false">' + ICONS[name] + "</svg>";
    return span;
  }

  function canSpeak() {
    return typeof window.speechSynthesis !== "undefined" &&
      typeof window.SpeechSynthesisUtterance === "function";
  }

  function reducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  // sessionStorage throws in some privacy modes; the chat then simply does
  // not survive a reload.
  const storage = {
    get() {
      try { return window.sessionStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
    },
    set(value) {
      try { window.sessionStorage.setItem(STORAGE_KEY, value); } catch (e) { /* not kept */ }
    },
    clear() {
      try { window.sessionStorage.removeItem(STORAGE_KEY); } catch (e) { /* nothing kept */ }
    },
  };

  class HeadacheChat {
    constructor(options) {
      this.options = Object.assign({}, DEFAULTS, options);
      if (!this.options.container) throw new Error("HeadacheChat: options.container is required");
      this.serverUrl = (this.options.serverUrl || window.location.origin).replace(/\/+$/, "");
      this._uid = "hw-chat" + ++instances;
      this._socket = null;
      this._sessionId = null;
      this._ready = false;
      this._queue = [];             // [{text, shownAs}] said before the session was confirmed
      this._historyChecked = false; // the first confirmation of a page may replay history
      this._regions = null;         // promise of the server's region list
      this._regionList = null;      // ... once it has arrived
      this._map = null;
      this._mapTicket = 0;
      this._numpad = null;
      this._checklist = null;
      this._answer = null;          // {collect() -> [text, shownAs] | null, hint}: what Send sends
      this._mapOffered = false;     // "where does it hurt?" is being asked
      this._typingTimer = null;
      this._keyboard = false;       // last interaction was the keyboard (where focus goes next)
      this._speak = Boolean(this.options.speak) && canSpeak();
      this._destroyed = false;
      this._build();
    }

    /** The session token the server confirmed, or null. */
    get sessionId() {
      return this._sessionId;
    }

    /** Connects (once) and asks for the session. */
    start() {
      if (this._socket || this._destroyed) return this;
      const io = this.options.io || window.io;
      if (typeof io !== "function") {
        this._setStatus("The self-check could not be loaded. Please try again later.");
        return this;
      }
      this._loadRegions();
      this._setStatus("Connecting…");
      const socket = io(this.serverUrl, {
        path: this.options.socketPath,
        transports: ["websocket", "polling"],
        tryAllTransports: true,
        auth: this.options.auth || undefined,
        forceNew: true,   // reset() needs a fresh connection, not the cached one
      });
      this._socket = socket;
      socket.on("connect", () => this._requestSession());
      socket.on("session_confirm", (arg) => this._onSessionConfirm(arg));
      socket.on("bot_uttered", (message) => this._onBotMessage(message));
      // The server no longer accepts our token: it will issue a new one.
      socket.on("session_invalid", () => this._requestSession());
      socket.on("disconnect", () => {
        this._ready = false;
        this._setStatus("Connection lost. Reconnecting…");
      });
      socket.on("connect_error", (error) => {
        // socket.active is false when the server refused us: no retry follows.
        this._setStatus(socket.active ? "Can't reach the assistant right now. Trying again…"
          : "The assistant is not available right now.");
        this._call("onConnectError", error, Boolean(socket.active));
      });
      return this;
    }

    /**
     * Says `text` to the assistant and shows `shownAs` (default: the text) as
     * the person's message. Returns false when there was nothing to send.
     */
    send(text, shownAs) {
      const message = String(text == null ? "" : text).trim();
      if (!message || this._destroyed) return false;
      const shown = shownAs ? String(shownAs) : message;
      this._clearQuickReplies();
      this._offerHeadMap(false);
      this._removeNumpad();
      this._removeChecklist();
      this._setStatus("");
      this._welcome.classList.add("hw-started");
      this._log.appendChild(this._bubble("user", shown));
      if (this._ready) this._emit(message);
      else this._queue.push({ text: message, shownAs: shown });
      this._showTyping();
      this._scrollToEnd();
      if (!this._socket) this.start();
      return true;
    }

    /** Forgets this conversation (screen and stored token) and starts a new session. */
    reset() {
      if (this._destroyed) return;
      this._teardownSocket();
      if (this.options.persist) storage.clear();
      this._sessionId = null;
      this._queue = [];
      this._historyChecked = true;   // nothing to replay in a fresh session
      this._input.value = "";        // a shared kiosk: nothing typed stays for the next person
      this._clearConversation();
      this._updateSend();
      this._setStatus("");
      this._call("onSession", null);
      this.start();
    }

    /** Disconnects and removes everything this chat put on the page. */
    destroy() {
      if (this._destroyed) return;
      this._teardownSocket();
      this._cancelSpeech();
      clearTimeout(this._typingTimer);
      this._destroyed = true;
      this._root.remove();
    }

    /** Shows the head map (select mode) at the end of the conversation. */
    showHeadMap() {
      if (this._map || !window.HeadMap || this._destroyed) return;
      const ticket = ++this._mapTicket;
      this._setMapToggle(true);
      this._loadRegions().then((regions) => {
        if (ticket !== this._mapTicket || this._destroyed) return;   // hidden meanwhile
        const map = new window.HeadMap({
          mode: "select",
          regions: regions,
          sendButton: false,   // the composer's Send is the one Send
          onChange: () => this._updateSend(),
        });
        map.element.classList.add("hw-headmap-live");
        map.element.id = this._uid + "-map";
        this._map = map;
        this._setAnswer(() => {
          const ids = map.selected();
          if (!ids.length) return null;
          const chosen = ids.map((id) => map.region(id));
          return [chosen.map((r) => r.say).join(", "), chosen.map((r) => r.label).join(", ")];
        }, "Tap where it hurts on the head map first, or type your answer.");
        this._mapToggle.setAttribute("aria-controls", map.element.id);
        this._log.appendChild(map.element);
        this._scrollTo(this._offsetInLog(map.element) - 8);
      });
    }

    hideHeadMap() {
      this._mapTicket++;
      if (this._map) {
        this._map.destroy();
        this._setAnswer(null);
      }
      this._map = null;
      this._setMapToggle(false);
    }

    /** Reads bot messages aloud (when the browser can). */
    setSpeak(on) {
      this._speak = Boolean(on) && canSpeak();
      if (!this._speak) this._cancelSpeech();
      return this._speak;
    }

    /** True when nothing has been said yet in this session, nor typed in the box. */
    isEmpty() {
      return !this._queue.length && !this._log.querySelector(".hw-msg") && !this._input.value;
    }

    focusInput() {
      this._input.focus();
    }

    // ---- building the interface -------------------------------------------

    _build() {
      const uid = this._uid;
      this._log = el("div", {
        class: "hw-log", role: "log", "aria-live": "polite", "aria-label": "Conversation",
        tabindex: "0",   // scrollable, so it must be reachable by keyboard
      });
      this._welcome = this._buildWelcome();
      this._log.appendChild(this._welcome);

      this._status = el("p", { class: "hw-status", role: "status" });
      this._quick = el("div", { class: "hw-quick", role: "group", "aria-label": "Suggested answers",
        hidden: true });

      this._mapToggle = el("button", { type: "button", class: "hw-map-toggle", "aria-expanded": "false" },
        icon("head"), el("span", { class: "hw-map-toggle-text" }, "Show where it hurts on a head map"));
      this._mapRow = el("div", { class: "hw-map-row", hidden: true }, this._mapToggle);
      this._mapToggle.addEventListener("click", () => {
        if (this._mapToggle.getAttribute("aria-expanded") === "true") this.hideHeadMap();
        else this.showHeadMap();
      });

      this._input = el("input", {
        id: uid + "-input", class: "hw-input", type: "text", autocomplete: "off",
        autocapitalize: "sentences", enterkeyhint: "send", maxlength: "2000",
        placeholder: "Type your answer…",
      });
      this._send = el("button", { type: "submit", class: "hw-send" }, icon("send"),
        el("span", { class: "hw-send-text" }, "Send"));
      const form = el("form", { class: "hw-composer", novalidate: true },
        el("label", { class: "hw-input-label", for: uid + "-input" }, "Type your message"),
        el("div", { class: "hw-compose-row" }, this._input, this._send));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this._submit();
      });
      this._input.addEventListener("input", () => this._updateSend());

      // The text box and Send come before the answer buttons in the keyboard order;
      // chat.css shows the answer buttons above them.
      this._root = el("div", { class: "hw-chat" }, this._log, this._status, form, this._quick,
        this._mapRow);
      // Where focus goes after a button vanishes depends on how it was pressed.
      this._root.addEventListener("keydown", () => { this._keyboard = true; }, true);
      this._root.addEventListener("pointerdown", () => { this._keyboard = false; }, true);
      this.options.container.appendChild(this._root);
    }

    _buildWelcome() {
      const start = el("button", { type: "button", class: "hw-start" }, "Start the self-check");
      start.addEventListener("click", () => this._sendFromButton("hi", "Hi"));
      return el("div", { class: "hw-welcome" },
        el("p", { class: "hw-welcome-title" }, "Hello! Let’s look at your headache together."),
        el("p", { class: "hw-welcome-text" },
          "I’ll ask a few short questions, check for warning signs and explain what is likely " +
          "contributing. It takes about five minutes."),
        start,
        el("p", { class: "hw-welcome-hint" }, "Or describe your headache in your own words below."));
    }

    _bubble(from, text) {
      return el("div", { class: "hw-msg " + (from === "user" ? "hw-user" : "hw-bot") }, text);
    }

    _note(text) {
      this._log.appendChild(el("p", { class: "hw-note" }, text));
    }

    _setQuickReplies(replies) {
      this._quick.textContent = "";
      replies.forEach((reply) => {
        const title = reply && (reply.title || reply.payload);
        const payload = reply && (reply.payload || reply.title);
        if (!title) return;
        const button = el("button", { type: "button" }, String(title));
        button.addEventListener("click", () => this._sendFromButton(String(payload), String(title)));
        this._quick.appendChild(button);
      });
      this._quick.hidden = !this._quick.children.length;
    }

    _clearQuickReplies() {
      this._quick.textContent = "";
      this._quick.hidden = true;
    }

    _sendFromButton(text, shownAs) {
      const keyboard = this._keyboard;
      this.send(text, shownAs);
      if (keyboard) this.focusInput();   // the pressed button is gone
    }

    /** Send: what is typed, else the answer chosen for the question asked. */
    _submit() {
      const typed = this._input.value;
      if (typed.trim()) {
        if (this.send(typed)) this._input.value = "";
        this._updateSend();
        return;
      }
      const chosen = this._answer && this._answer.collect();
      if (chosen) {
        this._sendFromButton(chosen[0], chosen[1]);
      } else if (this._answer) {
        this._setStatus(this._answer.hint);   // never a Send that silently does nothing
      }
    }

    /** What Send sends while no text is typed (null: nothing but the text box). */
    _setAnswer(collect, hint) {
      this._answer = collect ? { collect: collect, hint: hint } : null;
      this._updateSend();
    }

    _updateSend() {
      const ready = Boolean(this._input.value.trim() || (this._answer && this._answer.collect()));
      this._send.classList.toggle("hw-send-ready", ready);
      if (ready && this._answer && this._status.textContent === this._answer.hint) this._setStatus("");
    }

    /** The head map and its toggle, only while "where does it hurt?" is asked. */
    _offerHeadMap(offered) {
      this._mapOffered = Boolean(offered) && Boolean(window.HeadMap);
      this._mapRow.hidden = !this._mapOffered;
      if (this._mapOffered) this.showHeadMap();
      else this.hideHeadMap();
    }

    _setMapToggle(open) {
      this._mapToggle.setAttribute("aria-expanded", String(open));
      this._mapToggle.lastChild.textContent = open ? "Hide the head map" : "Show where it hurts on a head map";
      if (!open) this._mapToggle.removeAttribute("aria-controls");
    }

    _setStatus(text) {
      this._status.textContent = text;
    }

    _showTyping() {
      this._hideTyping();
      this._typing = el("div", { class: "hw-typing", "aria-hidden": "true" },
        el("span"), el("span"), el("span"));
      this._log.appendChild(this._typing);
      this._typingTimer = setTimeout(() => this._hideTyping(), TYPING_TIMEOUT_MS);
    }

    _hideTyping() {
      clearTimeout(this._typingTimer);
      if (this._typing) this._typing.remove();
      this._typing = null;
    }

    _clearConversation() {
      this._offerHeadMap(false);
      this._removeNumpad();
      this._removeChecklist();
      this._hideTyping();
      this._clearQuickReplies();
      this._cancelSpeech();
      Array.from(this._log.children).forEach((child) => {
        if (child !== this._welcome) child.remove();
      });
      this._welcome.classList.remove("hw-started");
      // Anything typed before the (new) session was confirmed is still to be sent.
      this._queue.forEach((item) => this._log.appendChild(this._bubble("user", item.shownAs)));
      if (this._queue.length) this._welcome.classList.add("hw-started");
    }

    // ---- the session -------------------------------------------------------

    _requestSession() {
      this._ready = false;
      const known = this._sessionId || (this.options.persist ? storage.get() : null);
      this._socket.emit("session_request", { session_id: known || null });
    }

    _onSessionConfirm(arg) {
      const token = typeof arg === "string" ? arg
        : arg && typeof arg.session_id === "string" ? arg.session_id : null;
      if (!token || this._destroyed) return;
      const previous = this._sessionId || (this.options.persist ? storage.get() : null);
      const resumed = Boolean(previous) && token === previous;
      // A message sent on an expired session is answered in the new one.
      const carried = arg && typeof arg.carried === "string" ? arg.carried : null;
      if (!resumed && this._sessionId) {
        this._clearConversation();
        this._note("The earlier conversation has ended, so a new one has started.");
        if (carried) {
          this._log.appendChild(this._bubble("user", carried));
          this._welcome.classList.add("hw-started");
        }
      }
      this._sessionId = token;
      if (this.options.persist) storage.set(token);
      const replay = resumed && this.options.persist && !this._historyChecked;
      this._historyChecked = true;
      (replay ? this._replayHistory(token) : Promise.resolve(true)).then((usable) => {
        if (usable && token === this._sessionId && !this._destroyed) this._becomeReady();
      });
    }

    _becomeReady() {
      this._ready = true;
      this._setStatus("");
      this._queue.splice(0).forEach((item) => this._emit(item.text));
      this._call("onSession", this._sessionId);
    }

    _emit(text) {
      this._socket.emit("user_uttered", { message: text, session_id: this._sessionId });
    }

    _teardownSocket() {
      this._ready = false;
      if (!this._socket) return;
      this._socket.off();
      this._socket.disconnect();
      this._socket = null;
    }

    /** Resolves true when the session can be used, false when it was dropped. */
    _replayHistory(token) {
      const url = this.serverUrl + "/webhooks/webchat/history";
      return fetch(url, { headers: { Authorization: "Bearer " + token }, credentials: "omit",
        cache: "no-store" })
        .then((response) => {
          if (response.status === 401) {
            // Not a token the server knows (any more): start a fresh session.
            storage.clear();
            this._sessionId = null;
            this._clearConversation();
            if (this._socket) this._requestSession();
            return false;
          }
          if (!response.ok) throw new Error("history: HTTP " + response.status);
          return response.json().then((data) => {
            if (token === this._sessionId) this._renderHistory((data && data.messages) || []);
            return true;
          });
        })
        .catch(() => {
          this._note("The earlier part of this conversation could not be shown.");
          return true;
        });
    }

    _renderHistory(messages) {
      const nodes = document.createDocumentFragment();
      let offered = { buttons: [], regions: false, choices: [] };   // what the bot offered last
      messages.forEach((message, index) => {
        if (!message || typeof message !== "object") return;
        const last = index === messages.length - 1;
        if (message.from === "user") {
          nodes.appendChild(this._bubble("user", this._shownAs(String(message.text || ""), offered)));
          offered = { buttons: [], regions: false, choices: [] };
          return;
        }
        if (message.text) nodes.appendChild(this._bubble("bot", String(message.text)));
        const buttons = Array.isArray(message.buttons) ? message.buttons : [];
        if (buttons.length) offered.buttons = buttons;
        if (last && buttons.length && !this._queue.length) this._setQuickReplies(buttons);
        const custom = message.custom;
        if (custom && typeof custom === "object") {
          if (custom.type === "choose_regions") {
            offered.regions = true;
            if (last && !this._queue.length) this._offerHeadMap(true);
          } else if (custom.type === "number_pad") {
            if (last && !this._queue.length) this._showNumpad(custom);
          } else if (custom.type === "choose_many") {
            offered.choices = Array.isArray(custom.options) ? custom.options : [];
            if (last && !this._queue.length) this._showChecklist(custom);
          } else {
            const card = this._card(custom);
            if (card) nodes.appendChild(card);
          }
        }
      });
      if (!nodes.childNodes.length) return;
      // Before anything typed while the history was loading.
      this._welcome.after(nodes);
      this._welcome.classList.add("hw-started");
      this._log.scrollTop = this._log.scrollHeight;
    }

    /** What a replayed user message showed: the button title or region labels it came from. */
    _shownAs(text, offered) {
      const said = text.trim().toLowerCase();
      const button = offered.buttons.find((b) => String(b.payload || "").trim().toLowerCase() === said);
      if (button && button.title) return String(button.title);
      if (offered.choices && offered.choices.length && /^\d+(, \d+)*$/.test(said)) {
        const titles = said.split(", ").map((n) => offered.choices.find((o) => String(o.number) === n));
        if (titles.every(Boolean)) return titles.map((o) => String(o.title)).join("; ");
      }
      if (offered.choices && offered.choices.length) {
        const byPayload = said.split("; ").map((p) =>
          offered.choices.find((o) => String(o.payload || "").trim().toLowerCase() === p));
        if (byPayload.every(Boolean)) return byPayload.map((o) => String(o.title)).join("; ");
      }
      if (offered.regions && window.HeadMap) {
        const known = this._regionList || window.HeadMap.DEFAULT_REGIONS;
        const parts = said.split(", ").map((part) => known.find((r) => r.say === part));
        if (parts.length && parts.every(Boolean)) return parts.map((r) => r.label).join(", ");
      }
      return text;
    }

    // ---- messages from the assistant ---------------------------------------

    _onBotMessage(message) {
      if (!message || typeof message !== "object" || this._destroyed) return;
      this._hideTyping();
      const stick = this._nearBottom();
      let revealed = false;
      if (typeof message.text === "string" && message.text.trim()) {
        this._log.appendChild(this._bubble("bot", message.text));
        this._say(message.text);
      }
      const replies = message.quick_replies || message.buttons;
      if (Array.isArray(replies) && replies.length) this._setQuickReplies(replies);
      const custom = message.custom;
      if (custom && typeof custom === "object") revealed = this._onCustom(custom);
      if (stick && !revealed) this._scrollToEnd();
      this._call("onMessage", message);
    }

    /** Returns true when it scrolled the log itself. */
    _onCustom(custom) {
      if (custom.type === "choose_regions") {
        this._offerHeadMap(true);
        return true;
      }
      if (custom.type === "choose_many") {
        this._showChecklist(custom);
        return true;
      }
      if (custom.type === "number_pad") {
        this._showNumpad(custom);
        return false;
      }
      const card = this._card(custom);
      if (!card) return false;   // a type this version does not show
      this._log.appendChild(card);
      this._say(card.innerText);   // the card is the result's only copy here: read it aloud
      const emergency = custom.type === "headache_assessment" && custom.triage === "emergency";
      if (emergency || card.offsetHeight > this._log.clientHeight * 0.8) {
        this._scrollTo(this._offsetInLog(card) - 8);
      } else {
        this._scrollToEnd();
      }
      if (custom.type === "headache_assessment") this._call("onAssessment", custom);
      if (custom.type === "booking_request") this._call("onBooking", custom);
      return true;
    }

    _card(custom) {
      if (custom.type === "headache_assessment") return this._assessmentCard(custom);
      if (custom.type === "booking_request") return this._bookingCard(custom);
      return null;
    }

    _assessmentCard(p) {
      const level = TRIAGE[p.triage] ? p.triage : null;
      const emergency = level === "emergency";
      const card = el("div", { class: "hw-card", "data-triage": String(p.triage || "unknown"),
        role: emergency ? "alert" : null });
      card.appendChild(el("div", { class: "hw-card-banner" },
        icon(level ? TRIAGE[level].icon : "doctor", "hw-card-icon"),
        el("div", null,
          el("p", { class: "hw-card-kicker" }, "Your self-check result"),
          el("h3", { class: "hw-card-title" }, level ? TRIAGE[level].title : "Your self-check"))));

      const body = el("div", { class: "hw-card-body" });
      card.appendChild(body);
      if (emergency && this.options.emergencyAction === "reception") {
        // A waiting-room tablet has no phone: the staff are a few steps away.
        body.appendChild(el("p", { class: "hw-emergency-reception" }, icon("alert"),
          "Please tell reception now."));
      }
      if (p.advice) body.appendChild(el("p", { class: "hw-card-advice" }, String(p.advice)));
      if (emergency && this.options.emergencyAction !== "reception") {
        const number = String(this.options.emergencyNumber || "999");
        body.appendChild(el("a", { class: "hw-emergency-number", href: "tel:" + number.replace(/[^\d+]/g, "") },
          icon("phone"), "Call " + number));
      }

      const flags = Array.isArray(p.red_flags) ? p.red_flags : [];
      if (flags.length) {
        body.appendChild(el("h4", { class: "hw-card-heading" }, "Warning signs"));
        const list = body.appendChild(el("ul", { class: "hw-card-list hw-flags" }));
        flags.forEach((flag) => list.appendChild(el("li", null,
          el("strong", null, String(flag.label || humanise(flag.id))),
          flag.evidence ? el("span", { class: "hw-evidence" }, evidenceText(flag)) : null)));
      }

      const factors = Array.isArray(p.factors) ? p.factors : [];
      if (factors.length) {
        body.appendChild(el("h4", { class: "hw-card-heading" }, "Likely contributing factors"));
        const list = body.appendChild(el("ul", { class: "hw-card-list hw-factors" }));
        factors.forEach((factor) => {
          const muscles = Array.isArray(factor.muscles) ? factor.muscles : [];
          list.appendChild(el("li", null,
            FACTOR_KINDS[factor.kind] ? el("span", { class: "hw-factor-kind" }, FACTOR_KINDS[factor.kind]) : null,
            el("strong", null, String(factor.label || humanise(factor.id))),
            factor.explanation ? el("p", null, String(factor.explanation)) : null,
            muscles.length ? el("p", { class: "hw-muscles" }, "Muscles: " + muscles.join(", ")) : null));
        });
      }

      if (SERVICES[p.suggested_service]) {
        body.appendChild(el("h4", { class: "hw-card-heading" }, "Suggested service"));
        body.appendChild(el("p", { class: "hw-service" }, SERVICES[p.suggested_service]));
        if (p.service_reason) body.appendChild(el("p", { class: "hw-service-reason" }, String(p.service_reason)));
      }

      const regions = Array.isArray(p.regions) ? p.regions : [];
      if (regions.length && !emergency && window.HeadMap) {
        body.appendChild(new window.HeadMap({ mode: "highlight", highlight: regions,
          regions: this._regionList }).element);
      }
      return card;
    }

    /** A number pad for a number answer (the kiosk's age question): {purpose, min, max}. */
    _showNumpad(spec) {
      this._removeNumpad();
      const min = Number.isFinite(Number(spec.min)) ? Number(spec.min) : 0;
      const max = Number.isFinite(Number(spec.max)) ? Number(spec.max) : 999;
      const digits = String(Math.floor(Math.abs(max))).length;
      const labelId = this._uid + "-numpad-label";
      let value = "";

      const display = el("output", { class: "hw-numpad-display", "aria-labelledby": labelId,
        "aria-live": "polite" });
      const hint = el("p", { class: "hw-numpad-hint" }, "Between " + min + " and " + max);
      const keys = el("div", { class: "hw-numpad-keys" });
      ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"].forEach((key) => {
        const button = el("button", { type: "button", "data-key": key,
          class: key === "ok" ? "hw-numpad-ok" : key === "back" ? "hw-numpad-back" : null });
        if (key === "back") {
          button.append(el("span", { "aria-hidden": "true" }, "⌫"),
            el("span", { class: "hw-visually-hidden" }, "Delete"));
        } else {
          button.textContent = key === "ok" ? "OK" : key;
        }
        keys.appendChild(button);
      });
      const ok = keys.querySelector("[data-key=ok]");
      const update = () => {
        display.textContent = value;
        const number = Number(value);
        ok.disabled = !value || number < min || number > max;
        hint.classList.toggle("hw-numpad-hint-shown", Boolean(value) && ok.disabled);
        this._updateSend();
      };
      const press = (key) => {
        if (key === "ok") {
          if (!ok.disabled) this._sendFromButton(String(Number(value)), String(Number(value)));
          return;
        }
        if (key === "back") value = value.slice(0, -1);
        else if (/^\d$/.test(key) && value.length < digits) value = value === "0" ? key : value + key;
        update();
      };
      keys.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-key]");
        if (button) press(button.dataset.key);
      });

      const pad = el("div", { class: "hw-numpad", role: "group", "aria-labelledby": labelId },
        el("div", { class: "hw-numpad-screen" },
          el("span", { class: "hw-numpad-label", id: labelId },
            spec.label ? String(spec.label) : spec.purpose === "age" ? "Your age" : "Your answer"),
          display),
        keys, hint);
      // Digits, Backspace and Enter work too when the pad has focus.
      pad.addEventListener("keydown", (event) => {
        const key = /^\d$/.test(event.key) ? event.key
          : event.key === "Backspace" ? "back" : event.key === "Enter" ? "ok" : null;
        if (!key || (key === "ok" && event.target.closest("button"))) return;
        event.preventDefault();
        press(key);
      });
      this._numpad = pad;
      this._setAnswer(() => (ok.disabled ? null : [String(Number(value)), String(Number(value))]),
        "Tap the number on the pad first, then OK or Send.");
      update();
      this._log.appendChild(pad);
      this._scrollToEnd();
    }

    _removeNumpad() {
      if (this._numpad) {
        this._numpad.remove();
        this._setAnswer(null);
      }
      this._numpad = null;
    }

    /**
     * A question answered by ticking: {options: [{number, title, payload?}], none,
     * none_payload?} (the grouped warning-sign questions, the kiosk's triggers). Tick any
     * that apply and press Send (their payloads joined by "; ", else their numbers), or
     * press "None of these"; typing works too.
     */
    _showChecklist(spec) {
      this._removeChecklist();
      const options = Array.isArray(spec.options) ? spec.options : [];
      if (!options.length) return;
      const legendId = this._uid + "-checklist-legend";
      const list = el("div", { class: "hw-checklist-options" });
      const boxes = options.map((option, index) => {
        const id = this._uid + "-choice-" + index;
        const box = el("input", { type: "checkbox", id: id, value: String(option.number) });
        list.appendChild(el("label", { class: "hw-checklist-option", for: id }, box,
          el("span", null, String(option.title))));
        return { box: box, option: option };
      });
      const none = el("button", { type: "button", class: "hw-checklist-none" },
        String(spec.none || "None of these"));
      list.addEventListener("change", () => this._updateSend());
      none.addEventListener("click", () =>
        this._sendFromButton(String(spec.none_payload || "none of these"), none.textContent));
      const panel = el("div", { class: "hw-checklist", role: "group", "aria-labelledby": legendId },
        el("p", { class: "hw-checklist-legend", id: legendId }, "Tick any that apply, then press Send"),
        list, el("div", { class: "hw-checklist-actions" }, none));
      this._checklist = panel;
      this._setAnswer(() => {
        const chosen = boxes.filter((b) => b.box.checked).map((b) => b.option);
        if (!chosen.length) return null;
        const payloads = chosen.every((o) => o.payload);
        return [chosen.map((o) => String(payloads ? o.payload : o.number)).join(payloads ? "; " : ", "),
          chosen.map((o) => String(o.title)).join("; ")];
      }, "Tick the ones that apply first, or press “" + none.textContent + "”.");
      this._log.appendChild(panel);
      this._scrollToEnd();
    }

    _removeChecklist() {
      if (this._checklist) {
        this._checklist.remove();
        this._setAnswer(null);
      }
      this._checklist = null;
    }

    _bookingCard(p) {
      const reference = String(p.reference || "");
      const service = SERVICES[p.service] || (p.service ? String(p.service) : "");
      const details = el("dl", { class: "hw-booking-details" });
      if (service) details.appendChild(el("div", null, el("dt", null, "Service"), el("dd", null, service)));
      if (p.preferred_time) {
        details.appendChild(el("div", null, el("dt", null, "Preferred time"),
          el("dd", null, String(p.preferred_time))));
      }
      const status = p.status === "requested" || !p.status
        ? CONFIRM_BY[p.confirm_by] || CONFIRM_BY.unknown : String(p.status);
      details.appendChild(el("div", null, el("dt", null, "Status"), el("dd", null, status)));
      return el("div", { class: "hw-booking", "data-reference": reference },
        el("div", { class: "hw-booking-head" }, icon("calendar", "hw-booking-icon"),
          el("h3", { class: "hw-booking-title" }, "Booking request received")),
        el("p", { class: "hw-booking-label" }, "Your reference"),
        el("p", { class: "hw-booking-ref" }, reference),
        details,
        this.options.bookingNote ? el("p", { class: "hw-booking-note" }, this.options.bookingNote) : null);
    }

    // ---- small helpers ---------------------------------------------------------

    /** The server's region labels and words, fetched once (HeadMap falls back to its own). */
    _loadRegions() {
      if (!this._regions) {
        this._regions = window.HeadMap ? window.HeadMap.loadRegions(this.serverUrl) : Promise.resolve(null);
        this._regions.then((list) => { this._regionList = list; });
      }
      return this._regions;
    }

    _say(text) {
      if (!this._speak) return;
      try {
        const utterance = new window.SpeechSynthesisUtterance(text);
        utterance.lang = document.documentElement.lang || "en";
        window.speechSynthesis.speak(utterance);
      } catch (e) { /* reading aloud is optional */ }
    }

    _cancelSpeech() {
      try { if (canSpeak()) window.speechSynthesis.cancel(); } catch (e) { /* optional */ }
    }

    _nearBottom() {
      const log = this._log;
      return log.scrollHeight - log.scrollTop - log.clientHeight < 96;
    }

    _offsetInLog(node) {
      return node.getBoundingClientRect().top - this._log.getBoundingClientRect().top + this._log.scrollTop;
    }

    _scrollTo(top) {
      // Only the log scrolls, never the host page (scrollIntoView would).
      this._log.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? "auto" : "smooth" });
    }

    _scrollToEnd() {
      this._scrollTo(this._log.scrollHeight);
    }

    _call(name) {
      const callback = this.options[name];
      if (typeof callback !== "function") return;
      try {
        callback.apply(null, Array.prototype.slice.call(arguments, 1));
      } catch (error) {
        // A page's callback must not stop the conversation.
        if (window.console) window.console.error(error);
      }
    }
  }

  /** What a warning sign rests on, as the person said or chose it (evidence_kind). */
  function evidenceText(flag) {
    const evidence = String(flag.evidence);
    if (flag.evidence_kind === "facts") return "You said " + evidence;   // "you are 71 and ..."
    if (flag.evidence_kind === "chose") return "You chose: “" + evidence + "”";
    if (flag.evidence_kind === "unsure") return "You weren’t sure about: “" + evidence + "”";
    return "You said: “" + evidence + "”";
  }

  function humanise(id) {
    const words = String(id || "").replace(/_/g, " ").trim();
    return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
  }

  window.HeadacheChat = HeadacheChat;
})();
