/* Power Tracker: freshness warning, search and list filters. The pages work without it. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function ago(hours) {
    if (hours < 1) { var m = Math.max(1, Math.round(hours * 60)); return m + " minute" + (m === 1 ? "" : "s"); }
    if (hours < 48) { var h = Math.round(hours); return h + " hour" + (h === 1 ? "" : "s"); }
    var d = Math.round(hours / 24); return d + " days";
  }

  /* freshness: the newest observation (one shared file) against the visitor's clock */
  function freshness() {
    var box = document.getElementById("freshness");
    if (!box || !window.fetch || location.protocol === "file:") { return; }
    fetch(root + "freshness.json", { cache: "no-cache" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data || !data.newest_observation) { return; }
      var newest = Date.parse(data.newest_observation);
      var hours = (Date.now() - newest) / 3600000;
      var text = "Prices last checked " + ago(Math.max(hours, 0)) + " ago.";
      var own = box.getAttribute("data-day");
      if (own && Date.parse(own + "T23:59:59Z") < newest - 86400000) {
        text += " The prices on this page were last confirmed on " + own + ".";
      }
      if (hours > data.stale_hours) {
        text = "Warning: the newest price here is " + ago(hours) + " old. Checks or site updates may have" +
          " stopped; the shops' own pages have the current prices.";
        box.classList.add("stale");
      }
      box.textContent = text;
    }).catch(function () { /* offline or file://: the static date stays */ });
  }

  function setCount(form, shown, total) {
    var out = form.querySelector(".count");
    if (out) { out.textContent = shown === total ? "" : shown + " of " + total + " shown"; }
  }

  /* index search: filter the cards on the page, or search api/index.json on big catalogs */
  function search() {
    var form = document.querySelector("form[data-search]");
    if (!form) { return; }
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var input = form.querySelector("input");
    var results = document.querySelector("ul.results");
    var cards = Array.prototype.slice.call(document.querySelectorAll("section.category li.card"));
    var index = null;
    function fromPage(q) {
      var shown = 0;
      cards.forEach(function (li) {
        var hit = !q || li.getAttribute("data-name").indexOf(q) !== -1;
        li.hidden = !hit;
        if (hit) { shown += 1; }
      });
      document.querySelectorAll("section.category").forEach(function (s) {
        s.hidden = !s.querySelector("li.card:not([hidden])");
      });
      setCount(form, shown, cards.length);
    }
    function fromApi(q) {
      results.textContent = "";
      results.hidden = !q;
      if (!q || !index) { return; }
      var hits = index.filter(function (p) { return p.name.toLowerCase().indexOf(q) !== -1; }).slice(0, 50);
      hits.forEach(function (p) {
        var li = document.createElement("li"), a = document.createElement("a");
        var name = document.createElement("span"), price = document.createElement("span");
        li.className = "card"; li.setAttribute("data-product", p.id);
        a.href = root + p.path; name.className = "name"; name.textContent = p.name;
        price.className = "price"; price.textContent = p.price ? p.price + " " + p.currency + " at " + p.shop : "no price";
        a.appendChild(name); a.appendChild(price); li.appendChild(a); results.appendChild(li);
      });
      var out = form.querySelector(".count");
      if (out) { out.textContent = hits.length + (hits.length === 50 ? "+" : "") + " found"; }
    }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      if (form.getAttribute("data-search") === "page") { fromPage(q); return; }
      if (index || location.protocol === "file:") { fromApi(q); return; }
      fetch(root + "api/index.json").then(function (r) { return r.json(); }).then(function (data) {
        index = data; fromApi(input.value.trim().toLowerCase());
      }).catch(function () { /* no data: the category pages still list everything */ });
    });
  }

  /* category page: sort and filter the list */
  function filters() {
    var form = document.querySelector("form[data-filters]");
    var list = document.getElementById("list");
    if (!form || !list) { return; }
    form.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    function num(li, attr, missing) {
      var v = li.getAttribute(attr); return v === "" || v === null ? missing : Number(v);
    }
    function apply() {
      var sort = form.sort.value, shop = form.shop.value, stock = form.stock.checked, shown = 0;
      var sorted = items.slice().sort(function (a, b) {
        if (sort === "price") { return num(a, "data-price", Infinity) - num(b, "data-price", Infinity); }
        if (sort === "drop") { return num(b, "data-drop", 0) - num(a, "data-drop", 0); }
        return 0;  /* name: the order the page came in */
      });
      sorted.forEach(function (li) {
        var shops = (li.getAttribute("data-shops") || "").split(" ");
        var hit = (!shop || shops.indexOf(shop) !== -1) && (!stock || li.getAttribute("data-stock") === "1");
        li.hidden = !hit;
        if (hit) { shown += 1; }
        list.appendChild(li);
      });
      setCount(form, shown, items.length);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  }

  freshness();
  search();
  filters();
}());
