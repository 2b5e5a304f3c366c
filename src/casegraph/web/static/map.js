// The map: country outlines from the file shipped with the workbench (no tile server, nothing
// fetched from elsewhere) and a circle for each place the case mentions, sized by its
// mentions, each opening its entity. Names come from documents: they are put on the page as
// text, never as HTML.
"use strict";

function placeLink(place) {
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = document.body.dataset.base + "/entities/" + encodeURIComponent(place.id);
  link.textContent = place.name;
  const counts = document.createElement("div");
  counts.textContent = place.mentions + " mentions, " + place.events + " events there";
  box.append(link, counts);
  return box;
}

function oneSide(ring) {
  // a ring that crosses the antimeridian (Russia's far east, Fiji) would be drawn across the
  // whole map: put it on the east side of it; Antarctica, which runs round the pole, stays
  const longitudes = ring.map(([lon]) => lon);
  const polar = ring.some(([, lat]) => lat < -85);
  if (polar || Math.max(...longitudes) - Math.min(...longitudes) <= 180) return ring;
  return ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]);
}

function onOneSide(geometry) {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(oneSide) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(oneSide)) };
  }
  return geometry;
}

async function drawMap() {
  const element = document.getElementById("map");
  if (!element || !window.L || !window.topojson) return;
  const map = L.map(element, { worldCopyJump: true, attributionControl: false }).setView([25, 15], 2);
  const answer = await fetch(element.dataset.outlines);
  const atlas = await answer.json();
  const countries = topojson.feature(atlas, atlas.objects.countries);
  countries.features = countries.features.map((country) => ({ ...country, geometry: onOneSide(country.geometry) }));
  L.geoJSON(countries, {
    style: { color: "#8a96a3", weight: 0.7, fillColor: "#eef1f4", fillOpacity: 1 },
  }).addTo(map);
  const places = JSON.parse(element.dataset.places || "[]");
  const most = Math.max(1, ...places.map((place) => place.mentions));
  const markers = places.map((place) =>
    L.circleMarker([place.lat, place.lon], {
      radius: 4 + 14 * Math.sqrt(place.mentions / most),
      color: place.events ? "#c0392b" : "#0b5cad",
      weight: 1.5,
      fillOpacity: 0.45,
      className: "place-marker",
    })
      .bindTooltip(place.name)
      .bindPopup(placeLink(place))
      .addTo(map),
  );
  if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 6 });
  element.dataset.drawn = String(markers.length);
}

drawMap();
