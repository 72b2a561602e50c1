// The station map (templates/map.html): Leaflet, served from the product's own files, draws the
// stations listed in #placed as markers, and their states are refreshed from the page's /live
// JSON every few seconds. Without this file (or without Leaflet) the lists are the page.
(function () {
  "use strict";
  var box = document.getElementById("station-map");
  if (!box || typeof window.L === "undefined") return;
  var L = window.L;
  // A shape as well as a colour for each state, so the markers read without colour too.
  var SYMBOLS = {
    available: "\u2713", charging: "\u26A1", busy: "\u26A1",
    offline: "\u2013", out_of_service: "\u2013", faulted: "!"
  };
  // The badge tones of the list (console.css), as the server renders them.
  var TONES = {
    available: "ok", charging: "busy", busy: "busy",
    offline: "off", out_of_service: "off", faulted: "bad"
  };
  var UZBEKISTAN = [41.3, 64.6];

  function icon(state) {
    var glyph = document.createElement("span");
    glyph.setAttribute("aria-hidden", "true");
    glyph.textContent = SYMBOLS[state] || "?";
    return L.divIcon({
      className: "station-marker marker-" + state,
      html: glyph,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      popupAnchor: [0, -14]
    });
  }

  function popup(row, label) {
    var content = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = row.getAttribute("data-station");
    content.appendChild(name);
    var address = row.getAttribute("data-address");
    if (address) {
      var where = document.createElement("p");
      where.textContent = address;
      content.appendChild(where);
    }
    var state = document.createElement("p");
    state.className = "popup-state";
    state.textContent = label;
    content.appendChild(state);
    var href = row.getAttribute("data-href");
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = box.getAttribute("data-open-station");
      var line = document.createElement("p");
      line.appendChild(link);
      content.appendChild(line);
    }
    return content;
  }

  function title(row, label) {
    return row.getAttribute("data-station") + ": " + label;
  }

  box.hidden = false;
  var map = L.map(box, { zoomControl: false, attributionControl: false });
  L.control.zoom({
    zoomInTitle: box.getAttribute("data-zoom-in"),
    zoomOutTitle: box.getAttribute("data-zoom-out")
  }).addTo(map);
  // The tile source's attribution as text and a link (never HTML from the settings).
  var credit = document.createElement("a");
  credit.href = box.getAttribute("data-attribution-url");
  credit.textContent = box.getAttribute("data-attribution");
  L.control.attribution().addAttribution(credit.outerHTML).addTo(map);
  L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 19 }).addTo(map);

  var markers = {};
  var rows = {};
  var points = [];
  document.querySelectorAll("#placed tr[data-station]").forEach(function (row) {
    var lat = parseFloat(row.getAttribute("data-lat"));
    var lon = parseFloat(row.getAttribute("data-lon"));
    if (!isFinite(lat) || !isFinite(lon)) return;
    var state = row.getAttribute("data-state");
    var label = row.getAttribute("data-state-label");
    var marker = L.marker([lat, lon], {
      icon: icon(state), title: title(row, label), keyboard: true, riseOnHover: true
    }).bindPopup(popup(row, label)).addTo(map);
    var id = row.getAttribute("data-station");
    markers[id] = marker;
    rows[id] = row;
    points.push([lat, lon]);
  });
  if (points.length) {
    map.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
  } else {
    map.setView(UZBEKISTAN, 5);
  }
  // Leaflet names its popup's close button in English; the page's language instead.
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", box.getAttribute("data-close"));
  });

  function show(station) {
    var row = rows[station.id];
    var marker = markers[station.id];
    if (!row || !marker || row.getAttribute("data-state") === station.state) return;
    row.setAttribute("data-state", station.state);
    row.setAttribute("data-state-label", station.label);
    var badge = row.querySelector(".badge");
    if (badge) {
      badge.textContent = station.label;
      badge.className = "badge " + (TONES[station.state] || "off");
      badge.setAttribute("data-state", station.state);
    }
    // Leaflet reuses a div icon's element and names only new ones: both, then.
    marker.options.title = title(row, station.label);
    marker.setIcon(icon(station.state));
    var element = marker.getElement();
    if (element) element.title = marker.options.title;
    marker.setPopupContent(popup(row, station.label));
  }

  function refresh() {
    if (document.hidden) return;
    fetch(box.getAttribute("data-live"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (body) { if (body && body.stations) body.stations.forEach(show); })
      .catch(function () { /* the next refresh tries again */ });
  }
  var seconds = parseInt(box.getAttribute("data-refresh-seconds"), 10) || 15;
  setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
})();
