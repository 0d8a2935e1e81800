// dockaudit HTML report: filters, search, recap-matrix links, namespace legend, print.
// Written for this report alone; no network, no library.
(function () {
  'use strict';
  var doc = document;
  var all = function (selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); };
  var findings = all('.finding');
  var single = all('li.finding');
  var cards = all('.card');
  var areas = all('section.area');
  var severities = all('input[name=severity]');
  var area = doc.getElementById('filter-area');
  var threat = doc.getElementById('filter-threat');
  var container = doc.getElementById('filter-container');
  var search = doc.getElementById('filter-search');
  var status = doc.getElementById('filter-status');
  // Text is read once: the search then costs one indexOf per finding.
  var texts = findings.map(function (element) { return element.textContent.toLowerCase(); });

  function apply() {
    var wanted = {};
    var allSeverities = true;
    severities.forEach(function (box) { wanted[box.value] = box.checked; allSeverities = allSeverities && box.checked; });
    var a = area.value, t = threat.value, c = container.value, q = search.value.trim().toLowerCase();
    var active = !allSeverities || a || t || c || q;
    findings.forEach(function (element, i) {
      var data = element.dataset;
      var shown = wanted[data.severity] !== false
        && (!a || data.area === a)
        && (!t || (' ' + data.threats + ' ').indexOf(' ' + t + ' ') >= 0)
        && (!c || data.containers.indexOf('|' + c + '|') >= 0)
        && (!q || texts[i].indexOf(q) >= 0);
      element.hidden = !shown;
    });
    cards.forEach(function (card) {
      card.hidden = c ? card.dataset.name !== c : active && card.querySelector('.finding:not([hidden])') === null;
    });
    areas.forEach(function (section) { section.hidden = section.querySelector('.finding:not([hidden])') === null; });
    var shown = single.filter(function (element) { return !element.hidden; }).length;
    status.textContent = active ? shown + ' of ' + single.length + ' findings shown' : '';
  }

  var pending = null;
  function later() { clearTimeout(pending); pending = setTimeout(apply, 120); }

  severities.forEach(function (box) { box.addEventListener('change', apply); });
  [area, threat, container].forEach(function (select) { select.addEventListener('change', apply); });
  search.addEventListener('input', later);
  doc.getElementById('filter-reset').addEventListener('click', function () {
    severities.forEach(function (box) { box.checked = true; });
    area.value = threat.value = container.value = search.value = '';
    apply();
  });

  // A cell of the recap matrix shows its findings: its area and its threat, in the grouped view.
  all('#recap-matrix a[data-area]').forEach(function (link) {
    link.addEventListener('click', function () {
      area.value = link.dataset.area;
      threat.value = link.dataset.threat;
      apply();
    });
  });

  // The legend hides and shows one kind of namespace on the map.
  var map = doc.getElementById('namespace-map');
  all('#namespace-legend input').forEach(function (box) {
    box.addEventListener('change', function () { map.classList.toggle('hide-' + box.value, !box.checked); });
  });

  // On paper, every check page is open and every finding shown.
  window.addEventListener('beforeprint', function () {
    all('details').forEach(function (details) { details.open = true; });
  });

  // A link to a check opens its page.
  all('a.check').forEach(function (link) {
    link.addEventListener('click', function () {
      var page = doc.getElementById(link.getAttribute('href').slice(1));
      if (page) { page.open = true; }
    });
  });

  apply();
  doc.body.setAttribute('data-ready', 'true');
}());
