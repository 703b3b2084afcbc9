/*
 * HeadMap: where it hurts, on a drawing of the head seen from the front, the
 * side and the back.
 *
 * - select mode: the person taps regions (or uses the list of toggle buttons)
 *   and presses Send; onSend receives the chosen region ids. Inside the chat
 *   (sendButton: false) the chat's own Send sends them: one Send on the screen.
 * - highlight mode: a small non-interactive diagram of given regions, with a
 *   visible caption naming them (used in the assessment card).
 *
 * The pictures are for pointers only (aria-hidden): one region appears as
 * several shapes across the views, which would make duplicate tab stops and
 * duplicate announcements. The list of toggle buttons is the keyboard and
 * screen-reader way to the same choices, and both always show the same state.
 *
 * Styles live in chat.css (.hw-headmap ...).
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";

  // Used only when /webchat/regions.json cannot be read; the server's list
  // (data/knowledge/regions.yml) is the source of the labels and words.
  const DEFAULT_REGIONS = [
    { id: "temples", label: "Temples", say: "temples" },
    { id: "forehead", label: "Forehead", say: "forehead" },
    { id: "eyes", label: "Behind or around the eyes", say: "behind my eyes" },
    { id: "top", label: "Top of the head", say: "top of my head" },
    { id: "back_of_head", label: "Back of the head / base of the skull", say: "back of my head" },
    { id: "band", label: "A band around the head", say: "a band around my head" },
    { id: "jaw_face", label: "Jaw, teeth, cheek or ear", say: "jaw" },
    { id: "neck_shoulders", label: "Neck and shoulders", say: "neck and shoulders" },
  ];
  const REGION_IDS = DEFAULT_REGIONS.map((r) => r.id);

  // The drawings share one 200 x 240 coordinate system. Each view lists its
  // region shapes bottom to top: [region id, element, attributes, inside the
  // head?]. Shapes inside are clipped to the head outline and drawn over it;
  // the others (neck, outer ears) beneath it. Every shape's centre is left
  // uncovered by the shapes above it, so a tap there reaches that shape.
  const BAND = "M36 42 Q100 56 164 42 L164 58 Q100 72 36 58 Z";
  const VIEWS = [
    {
      id: "front",
      label: "Front",
      head: "M100 20 C136 20 158 48 158 92 C158 124 150 150 136 168 C124 184 112 192 100 192 " +
        "C88 192 76 184 64 168 C50 150 42 124 42 92 C42 48 64 20 100 20 Z",
      body: "M100 176 C90 176 84 178 82 180 L82 200 C60 205 34 212 24 226 C19 232 18 236 18 240 " +
        "L182 240 C182 236 181 232 176 226 C166 212 140 205 118 200 L118 180 C116 178 110 176 100 176 Z",
      ears: [[41, 108, 8, 16], [159, 108, 8, 16]],
      regions: [
        ["neck_shoulders", "path", { d: "body" }, false],
        ["jaw_face", "ellipse", { cx: 41, cy: 108, rx: 8, ry: 16 }, false],
        ["jaw_face", "ellipse", { cx: 159, cy: 108, rx: 8, ry: 16 }, false],
        ["jaw_face", "path", { d: "M40 124 Q100 136 160 124 L160 196 L40 196 Z" }, true],
        ["top", "rect", { x: 44, y: 14, width: 112, height: 34 }, true],
        ["forehead", "rect", { x: 68, y: 60, width: 64, height: 34, rx: 10 }, true],
        ["temples", "ellipse", { cx: 55, cy: 88, rx: 13, ry: 20 }, true],
        ["temples", "ellipse", { cx: 145, cy: 88, rx: 13, ry: 20 }, true],
        ["eyes", "ellipse", { cx: 78, cy: 106, rx: 15, ry: 10 }, true],
        ["eyes", "ellipse", { cx: 122, cy: 106, rx: 15, ry: 10 }, true],
        ["band", "path", { d: BAND }, true],
      ],
      features: [
        "M64 94 Q78 88 92 94", "M108 94 Q122 88 136 94",
        "M68 106 Q78 99 88 106 Q78 112 68 106 Z", "M112 106 Q122 99 132 106 Q122 112 112 106 Z",
        "M100 106 L95 132 Q100 136 105 132", "M86 156 Q100 164 114 156",
      ],
      dots: [[78, 106], [122, 106]],
    },
    {
      id: "side",
      label: "Side",
      head: "M112 22 C150 22 174 50 172 90 C171 116 164 136 150 150 C140 156 128 158 118 160 " +
        "C100 166 80 172 66 172 C58 172 55 166 55 158 C55 152 52 148 53 144 C50 142 50 138 52 136 " +
        "C49 134 48 130 50 128 C44 126 38 122 38 116 C38 110 44 104 48 98 C46 86 46 72 52 60 " +
        "C62 38 84 22 112 22 Z",
      body: "M94 160 C94 176 92 192 86 204 C66 210 48 222 42 240 L188 240 C186 222 176 210 160 204 " +
        "C152 190 148 172 148 146 Z",
      ears: [[122, 104, 10, 16]],
      regions: [
        ["neck_shoulders", "path", { d: "body" }, false],
        ["top", "rect", { x: 56, y: 14, width: 116, height: 30 }, true],
        ["forehead", "rect", { x: 40, y: 58, width: 40, height: 38, rx: 8 }, true],
        ["back_of_head", "path", { d: "M140 78 Q128 120 136 162 L182 162 L182 78 Z" }, true],
        ["jaw_face", "path", { d: "M54 118 L112 118 L128 150 L120 176 L50 176 Z" }, true],
        ["eyes", "ellipse", { cx: 60, cy: 104, rx: 10, ry: 8 }, true],
        ["temples", "ellipse", { cx: 92, cy: 92, rx: 16, ry: 18 }, true],
        ["band", "path", { d: "M40 50 L176 62 L176 78 L40 66 Z" }, true],
        ["jaw_face", "ellipse", { cx: 122, cy: 104, rx: 10, ry: 16 }, true],
      ],
      features: [
        "M50 98 Q58 94 66 97", "M54 104 Q60 101 66 104 Q60 107 54 104 Z",
        "M118 96 Q128 98 126 108 Q124 114 120 112", "M52 138 Q58 139 62 137",
      ],
      dots: [],
    },
    {
      id: "back",
      label: "Back",
      head: "M100 20 C138 20 160 50 160 94 C160 130 150 156 136 170 C126 180 114 184 100 184 " +
        "C86 184 74 180 64 170 C50 156 40 130 40 94 C40 50 62 20 100 20 Z",
      body: "M100 172 C90 172 82 174 80 176 L80 198 C58 204 32 212 22 226 C18 232 17 236 17 240 " +
        "L183 240 C183 236 182 232 178 226 C168 212 142 204 120 198 L120 176 C118 174 110 172 100 172 Z",
      ears: [[39, 106, 7, 15], [161, 106, 7, 15]],
      regions: [
        ["neck_shoulders", "path", { d: "body" }, false],
        ["top", "rect", { x: 44, y: 14, width: 112, height: 34 }, true],
        ["back_of_head", "rect", { x: 40, y: 72, width: 120, height: 116 }, true],
        ["band", "path", { d: BAND }, true],
      ],
      features: ["M72 170 Q100 180 128 170", "M100 186 L100 236", "M100 22 L100 40"],
      dots: [],
    },
  ];

  let instances = 0;
  const regionCache = {};

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach((name) => node.setAttribute(name, String(attrs[name])));
    return node;
  }

  function html(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  class HeadMap {
    /**
     * options: {mode: "select" | "highlight", regions: [{id, label, say}],
     *           highlight: [ids] (highlight mode), onSend(ids, regions) (select mode),
     *           sendButton: false to leave Send to the page, onChange(ids) (select mode),
     *           prompt: text above the choices (select mode)}
     */
    constructor(options) {
      const opts = options || {};
      this.mode = opts.mode === "highlight" ? "highlight" : "select";
      this.regions = (opts.regions && opts.regions.length ? opts.regions : DEFAULT_REGIONS)
        .filter((r) => r && REGION_IDS.indexOf(r.id) !== -1);
      this._onSend = opts.onSend || function () {};
      this._onChange = opts.onChange || function () {};
      this._withSend = opts.sendButton !== false;
      this._selected = new Set();
      this._uid = "hw-hm" + ++instances;
      // Only the select map is a .hw-headmap: "the head map" means the one
      // the person can use, never a diagram in an earlier card.
      this.element = this.mode === "select" ? html("div", "hw-headmap hw-headmap-select")
        : html("figure", "hw-headmap-diagram");
      if (this.mode === "select") {
        this._buildSelect(opts.prompt);
      } else {
        this._buildHighlight(opts.highlight || []);
      }
    }

    /** The chosen region ids, in the list's order. */
    selected() {
      return this.regions.map((r) => r.id).filter((id) => this._selected.has(id));
    }

    /** Turn a region on or off (toggles when `on` is omitted). */
    toggle(id, on) {
      if (this.mode !== "select" || REGION_IDS.indexOf(id) === -1) return;
      const wanted = on === undefined ? !this._selected.has(id) : Boolean(on);
      if (wanted) this._selected.add(id); else this._selected.delete(id);
      this.element.querySelectorAll('[data-region="' + id + '"]').forEach((node) => {
        node.classList.toggle("hw-on", wanted);
        node.setAttribute(node.tagName === "BUTTON" ? "aria-pressed" : "aria-checked", String(wanted));
      });
      this._updateActions();
      this._onChange(this.selected());
    }

    clear() {
      this.selected().forEach((id) => this.toggle(id, false));
    }

    /** {id, label, say} of a region id. */
    region(id) {
      return this._region(id);
    }

    destroy() {
      this.element.remove();
      this._onSend = function () {};
      this._onChange = function () {};
    }

    _buildSelect(prompt) {
      const root = this.element;
      const promptId = this._uid + "-prompt";
      const intro = html("p", "hw-headmap-prompt",
        prompt || "Tap where it hurts on the pictures or the list – choose all that apply, " +
          "then press Send.");
      intro.id = promptId;

      // The list comes first in the document so that it is first for keyboard
      // and screen-reader users; CSS shows the pictures above it.
      const list = html("div", "hw-headmap-list");
      list.setAttribute("role", "group");
      list.setAttribute("aria-labelledby", promptId);
      this.regions.forEach((region) => {
        const button = html("button", "hw-region-btn");
        button.type = "button";
        button.dataset.region = region.id;
        button.setAttribute("aria-pressed", "false");
        button.appendChild(html("span", "hw-region-check")).setAttribute("aria-hidden", "true");
        button.appendChild(html("span", "hw-region-label", region.label));
        list.appendChild(button);
      });
      list.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-region]");
        if (button) this.toggle(button.dataset.region);
      });

      const views = this._buildViews(true);
      views.addEventListener("click", (event) => {
        const shape = event.target.closest("[data-region]");
        if (shape) {
          this.toggle(shape.getAttribute("data-region"));
        } else {
          // Tapping a small picture (narrow layout) makes it the large one.
          const view = event.target.closest(".hw-headmap-view");
          if (view) {
            views.querySelectorAll(".hw-headmap-view").forEach((v) => v.classList.toggle("hw-main", v === view));
          }
        }
      });

      const actions = html("div", "hw-headmap-actions");
      const count = html("p", "hw-headmap-count");
      count.setAttribute("aria-live", "polite");
      if (this._withSend) {
        const send = html("button", "hw-headmap-send");
        send.type = "button";
        send.disabled = true;
        send.appendChild(document.createTextNode("Send"));
        send.appendChild(html("span", "hw-visually-hidden", " the places I chose"));
        send.addEventListener("click", () => {
          const ids = this.selected();
          if (ids.length) this._onSend(ids, ids.map((id) => this._region(id)));
        });
        actions.append(send);
        this._send = send;
      }
      actions.append(count);
      this._count = count;

      root.append(intro, list, views, actions);
      this._updateActions();
    }

    _buildHighlight(ids) {
      const chosen = ids.filter((id, i) => REGION_IDS.indexOf(id) !== -1 && ids.indexOf(id) === i);
      chosen.forEach((id) => this._selected.add(id));
      const views = this._buildViews(false);
      const caption = html("figcaption", "hw-headmap-caption",
        "Where it hurts: " + chosen.map((id) => this._region(id).label).join(", "));
      this.element.append(views, caption);
    }

    _buildViews(interactive) {
      const wrap = html("div", "hw-headmap-views");
      wrap.setAttribute("aria-hidden", "true");
      VIEWS.forEach((view) => {
        const box = html("div", "hw-headmap-view");
        box.dataset.view = view.id;
        if (view.id === "front") box.classList.add("hw-main");
        box.appendChild(this._drawView(view, interactive));
        box.appendChild(html("span", "hw-headmap-view-label", view.label));
        wrap.appendChild(box);
      });
      return wrap;
    }

    _drawView(view, interactive) {
      const clipId = this._uid + "-" + view.id;
      const root = svg("svg", { viewBox: "0 0 200 240", focusable: "false", "aria-hidden": "true" });
      const defs = svg("defs");
      const clip = svg("clipPath", { id: clipId });
      clip.appendChild(svg("path", { d: view.head }));
      defs.appendChild(clip);
      root.appendChild(defs);

      // Skin first, then regions, then the outline and features on top; the
      // features ignore the pointer so a tap on an eye still reaches "eyes".
      root.appendChild(svg("path", { d: view.body, class: "hw-hm-skin" }));
      view.ears.forEach((e) => root.appendChild(
        svg("ellipse", { cx: e[0], cy: e[1], rx: e[2], ry: e[3], class: "hw-hm-skin" })));
      root.appendChild(svg("path", { d: view.head, class: "hw-hm-skin" }));

      const clipped = svg("g", { "clip-path": "url(#" + clipId + ")" });
      const loose = svg("g");
      view.regions.forEach(([id, tag, attrs, inHead]) => {
        if (!interactive && !this._selected.has(id)) return;
        const shapeAttrs = Object.assign({}, attrs, { class: "hw-hm-region", "data-region": id });
        if (shapeAttrs.d === "body") shapeAttrs.d = view.body;
        const shape = svg(tag, shapeAttrs);
        if (interactive) {
          // Same state as the list button of this region. The pictures are
          // hidden from assistive technology, which uses the list instead.
          shape.setAttribute("role", "checkbox");
          shape.setAttribute("aria-checked", "false");
          shape.setAttribute("aria-label", this._region(id).label);
          shape.appendChild(svg("title")).textContent = this._region(id).label;
        } else {
          shape.classList.add("hw-on");
        }
        (inHead ? clipped : loose).appendChild(shape);
      });
      // Neck and ears sit outside the head outline; draw them beneath it.
      root.insertBefore(loose, root.lastChild);
      root.appendChild(clipped);

      const lines = svg("g", { class: "hw-hm-lines" });
      lines.appendChild(svg("path", { d: view.head }));
      lines.appendChild(svg("path", { d: view.body }));
      view.ears.forEach((e) => lines.appendChild(
        svg("ellipse", { cx: e[0], cy: e[1], rx: e[2], ry: e[3] })));
      view.features.forEach((d) => lines.appendChild(svg("path", { d: d, class: "hw-hm-feature" })));
      view.dots.forEach((p) => lines.appendChild(
        svg("circle", { cx: p[0], cy: p[1], r: 2.6, class: "hw-hm-dot" })));
      root.appendChild(lines);
      return root;
    }

    _region(id) {
      return this.regions.find((r) => r.id === id) ||
        DEFAULT_REGIONS.find((r) => r.id === id);
    }

    _updateActions() {
      if (!this._count) return;
      const n = this._selected.size;
      if (this._send) this._send.disabled = n === 0;
      this._count.textContent = n === 0 ? "Nothing chosen yet"
        : n === 1 ? "1 place chosen" : n + " places chosen";
    }
  }

  /**
   * The regions the server offers (GET {serverUrl}/webchat/regions.json),
   * fetched once per server; the built-in list if it cannot be read.
   */
  HeadMap.loadRegions = function (serverUrl) {
    const url = (serverUrl || "").replace(/\/+$/, "") + "/webchat/regions.json";
    if (!regionCache[url]) {
      regionCache[url] = fetch(url, { credentials: "omit" })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((list) => {
          const usable = Array.isArray(list) &&
            list.filter((r) => r && REGION_IDS.indexOf(r.id) !== -1 && r.label && r.say);
          return usable && usable.length ? usable : DEFAULT_REGIONS;
        })
        .catch(() => {
          delete regionCache[url];   // try again next time
          return DEFAULT_REGIONS;
        });
    }
    return regionCache[url];
  };

  HeadMap.REGION_IDS = REGION_IDS.slice();
  HeadMap.DEFAULT_REGIONS = DEFAULT_REGIONS.map((r) => Object.assign({}, r));

  window.HeadMap = HeadMap;
})();
