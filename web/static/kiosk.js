/*
 * The waiting-room kiosk: a shared tablet, so nothing personal stays in the
 * browser. The conversation lives only in the page (no sessionStorage, no
 * history replay) and Finish or an idle timeout wipes it and starts afresh.
 *
 * The tablet proves it is one of the clinic's kiosks with a device token
 * (not personal): staff open /kiosk/#device=<token> once; it is kept in
 * localStorage and taken out of the address bar.
 *
 * An emergency covers the screen: tell reception now (the tablet has no phone),
 * and the tablet sounds an alert for the staff. "I'm answering for someone
 * else" tells the assistant that the questions are about another person.
 */
(function () {
  "use strict";

  const DEVICE_KEY = "headacheKioskDevice";
  const DEFAULT_IDLE_SECONDS = 90;
  const WARNING_SECONDS = 10;
  const THANKS_MS = 8000;
  const SOMEONE_ELSE = "I'm answering for someone else";

  const root = document.getElementById("kiosk");
  const $ = (selector) => root.querySelector(selector);
  const params = new URLSearchParams(window.location.search);
  const idleSeconds = positiveNumber(params.get("idle")) || DEFAULT_IDLE_SECONDS;
  // A short test timeout still gets a warning, in its second half.
  const warningSeconds = Math.min(WARNING_SECONDS, idleSeconds / 2);

  const ui = {
    header: $(".kiosk-header"),
    main: $(".kiosk-main"),
    thanks: $(".kiosk-thanks"),
    finish: $(".kiosk-finish"),
    speak: $(".kiosk-speak"),
    someoneElse: $(".kiosk-someone-else"),
    alert: $(".kiosk-alert"),
    alertAdvice: $(".kiosk-alert-advice"),
    alertSounding: $(".kiosk-alert-sounding"),
    idle: $(".kiosk-idle-warning"),
    idleSeconds: $(".kiosk-idle-seconds"),
    idleStay: $(".kiosk-idle-stay"),
    unconfigured: $(".kiosk-unconfigured"),
    retrying: $(".kiosk-retrying"),
  };
  // Topmost first: only the first open one is usable, the rest are inert.
  const overlays = [ui.unconfigured, ui.idle, ui.alert];

  function positiveNumber(text) {
    const value = Number(text);
    return Number.isFinite(value) && value > 0 ? value : 0;
  }

  function deviceToken() {
    const match = /(?:^#|&)device=([^&]*)/.exec(window.location.hash);
    if (match) {
      let token = "";
      try { token = decodeURIComponent(match[1]); } catch (e) { token = match[1]; }
      try {
        if (token) window.localStorage.setItem(DEVICE_KEY, token);
      } catch (e) { /* kept for this page only */ }
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      if (token) return token;
    }
    try { return window.localStorage.getItem(DEVICE_KEY) || ""; } catch (e) { return ""; }
  }

  // ---- overlays ---------------------------------------------------------------

  let focusBeforeOverlay = null;

  function showOverlay(overlay, focusTarget) {
    if (overlays.every((o) => o.hidden)) focusBeforeOverlay = document.activeElement;
    overlay.hidden = false;
    updateInert();
    if (!overlay.inert) (focusTarget || overlay).focus();
  }

  function hideOverlay(overlay) {
    if (overlay.hidden) return;
    overlay.hidden = true;
    updateInert();
    const top = overlays.find((o) => !o.hidden);
    if (top) {
      top.focus();
    } else if (focusBeforeOverlay && document.contains(focusBeforeOverlay) &&
               focusBeforeOverlay !== document.body) {
      focusBeforeOverlay.focus();
    }
  }

  function updateInert() {
    const top = overlays.find((o) => !o.hidden);
    [ui.header, ui.main].concat(overlays).forEach((node) => {
      node.inert = Boolean(top) && node !== top;
    });
  }

  // ---- idle timeout -----------------------------------------------------------

  let warnTimer = null;
  let clearTimer = null;
  let countdown = null;

  function stopIdleTimers() {
    clearTimeout(warnTimer);
    clearTimeout(clearTimer);
    clearInterval(countdown);
  }

  function restartIdle() {
    stopIdleTimers();
    warnTimer = setTimeout(warnIdle, (idleSeconds - warningSeconds) * 1000);
  }

  /** Any touch, key or message: the person is still here. */
  function activity() {
    // Once the warning shows, only a tap on it answers it: hiding it on
    // pointerdown would let the same tap land on the conversation beneath.
    if (ui.idle.hidden) restartIdle();
  }

  function stillHere() {
    hideOverlay(ui.idle);
    restartIdle();
  }

  function warnIdle() {
    if (chat.isEmpty() && ui.alert.hidden) return;   // nothing on screen to clear
    let left = Math.ceil(warningSeconds);
    ui.idleSeconds.textContent = String(left);
    showOverlay(ui.idle, ui.idleStay);
    countdown = setInterval(() => {
      left = Math.max(0, left - 1);
      ui.idleSeconds.textContent = String(left);
    }, 1000);
    clearTimer = setTimeout(() => finish("idle"), warningSeconds * 1000);
  }

  // ---- the conversation -------------------------------------------------------

  let thanksTimer = null;

  function showThanks(text) {
    clearTimeout(thanksTimer);
    ui.thanks.textContent = text;
    thanksTimer = setTimeout(() => { ui.thanks.textContent = ""; }, THANKS_MS);
  }

  function setSpeak(on) {
    const active = chat.setSpeak(on);
    ui.speak.setAttribute("aria-pressed", String(active));
  }

  /** Clears everything on screen and starts a fresh session for the next person. */
  function finish(reason) {
    stopIdleTimers();
    hideOverlay(ui.idle);
    hideOverlay(ui.alert);
    setSpeak(false);   // the next person chooses for themselves
    ui.someoneElse.hidden = false;
    chat.reset();
    // Nothing is focused for the next person (a focused text box would open
    // the on-screen keyboard).
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    showThanks(reason === "idle"
      ? "The screen was cleared to keep the last person’s answers private."
      : "Thank you. Everything you entered has been cleared from this screen.");
  }

  function showEmergency(payload) {
    ui.alertAdvice.textContent = (payload && payload.advice) ||
      "What you describe needs medical help straight away.";
    ui.alertSounding.hidden = !soundAlert();
    showOverlay(ui.alert);
  }

  // ---- the alert for the staff ---------------------------------------------------

  let audio = null;

  /** Three short tones, twice: loud enough to turn heads at the desk. True when started. */
  function soundAlert() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return false;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
      const start = audio.currentTime + 0.05;
      for (let i = 0; i < 6; i++) {
        const at = start + i * 0.45 + (i >= 3 ? 0.9 : 0);
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.type = "square";
        tone.frequency.value = i % 3 === 2 ? 1175 : 880;
        volume.gain.setValueAtTime(0.0001, at);
        volume.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
        volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
        tone.connect(volume).connect(audio.destination);
        tone.start(at);
        tone.stop(at + 0.32);
      }
      document.body.dataset.alertSounded = String(Number(document.body.dataset.alertSounded || 0) + 1);
      return true;
    } catch (e) {
      return false;   // no sound: the screen still says to tell reception
    }
  }

  function showUnconfigured(retrying) {
    ui.retrying.hidden = !retrying;
    if (ui.unconfigured.hidden) showOverlay(ui.unconfigured, ui.unconfigured.querySelector(".kiosk-retry"));
  }

  const chat = new window.HeadacheChat({
    serverUrl: window.location.origin,
    socketPath: "/kiosk/socket.io/",
    auth: { token: deviceToken() },
    persist: false,
    container: $(".kiosk-chat"),
    emergencyAction: "reception",
    bookingNote: "Show this reference at reception.",
    onSession: (token) => {
      if (token) {
        document.body.dataset.sessionReady = "1";
        hideOverlay(ui.unconfigured);
      } else {
        delete document.body.dataset.sessionReady;
      }
    },
    onConnectError: (error, willRetry) => showUnconfigured(willRetry),
    onMessage: activity,
    onAssessment: (payload) => {
      ui.someoneElse.hidden = true;   // the questions are over
      if (payload && payload.triage === "emergency") showEmergency(payload);
    },
  });
  window.kioskChat = chat;
  // The welcome's start button is the kiosk's "Start" (a stable hook for tests).
  $(".hw-start").classList.add("kiosk-start");

  ui.finish.addEventListener("click", () => finish("finish"));
  ui.someoneElse.addEventListener("click", () => {
    if (chat.send(SOMEONE_ELSE)) ui.someoneElse.hidden = true;
  });
  ui.idle.addEventListener("click", stillHere);   // its button, or anywhere on it
  ui.alert.querySelector(".kiosk-alert-dismiss").addEventListener("click", () => hideOverlay(ui.alert));
  ui.unconfigured.querySelector(".kiosk-retry").addEventListener("click", () => window.location.reload());
  if (typeof window.speechSynthesis !== "undefined") {
    ui.speak.hidden = false;
    ui.speak.addEventListener("click", () => setSpeak(ui.speak.getAttribute("aria-pressed") !== "true"));
  }
  ["pointerdown", "keydown", "input", "wheel"].forEach((type) =>
    document.addEventListener(type, activity, { capture: true, passive: true }));

  chat.start();
})();
