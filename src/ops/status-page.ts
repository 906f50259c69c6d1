// The status page an operator opens in a browser: one row per organisation, refreshed every few seconds from
// /status.json. Plain HTML, CSS and a little script, no framework and nothing loaded from elsewhere, so it works on a
// host without internet access and under a strict Content-Security-Policy (see ops-server.ts). The empty data: icon
// keeps browsers from asking for /favicon.ico, whose 404 they would log as an error in the console.

/** How often the page asks for fresh figures, in ms. */
export const STATUS_REFRESH_MS = 5000;

/** The page itself; every figure comes from /status.json. */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>slack-audit-logs collector</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1c1d; }
  h1 { font-size: 1.2rem; margin: 0 0 .2rem; }
  #summary { margin: 0 0 1rem; color: #555; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  th { font-weight: 600; background: #f6f6f6; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .ok { color: #007a5a; } .bad { color: #b00020; }
  .error { color: #b00020; max-width: 28rem; overflow-wrap: anywhere; }
  svg { display: block; }
</style>
</head>
<body>
<h1>slack-audit-logs collector</h1>
<p id="summary">Loading…</p>
<table>
  <thead><tr>
    <th>Organisation</th><th>Followed by</th><th>Watermark</th><th>Lag</th><th>Ready</th>
    <th>Events, last hour</th><th>Events per minute</th><th>Last error</th>
  </tr></thead>
  <tbody id="orgs"></tbody>
</table>
<script>
'use strict';
const REFRESH_MS = ${STATUS_REFRESH_MS};
function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}
function duration(seconds) {
  if (seconds === null) return '–';
  if (seconds < 120) return seconds + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' d';
}
function sparkline(values) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 120, height = 24, max = Math.max(1, ...values);
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', values.reduce((a, b) => a + b, 0) + ' events in the last hour');
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (height - 1 - (v / max) * (height - 2)).toFixed(1));
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#1264a3');
  line.setAttribute('stroke-width', '1.5');
  svg.appendChild(line);
  return svg;
}
function render(status) {
  const tbody = document.getElementById('orgs');
  tbody.replaceChildren();
  for (const org of status.orgs) {
    const row = document.createElement('tr');
    row.dataset.org = org.org;
    cell(row, org.org);
    cell(row, org.holder === null ? 'nobody' : org.holder, org.holder === null ? 'bad' : '');
    cell(row, org.watermark === null ? '–' : org.watermark.replace('.000Z', 'Z'));
    cell(row, duration(org.lagSeconds), 'num lag');
    cell(row, org.ready ? 'yes' : 'no: ' + org.notReadyBecause, org.ready ? 'ok' : 'bad');
    cell(row, String(org.eventsLastHour), 'num');
    cell(row, '').appendChild(sparkline(org.eventsPerMinute));
    cell(row, org.lastError === null ? '' : org.lastError.kind + ': ' + org.lastError.message + ' (' + org.lastError.at + ')', 'error');
    tbody.appendChild(row);
  }
  const ready = status.orgs.filter((org) => org.ready).length;
  document.getElementById('summary').textContent =
    ready + ' of ' + status.orgs.length + ' organisations ready · updated ' + status.now;
}
// The next refresh is armed once this one ended, and each gives up after a refresh period: a collector that answers
// slowly never has requests pile up.
async function refresh() {
  try {
    const response = await fetch('status.json', { cache: 'no-store', signal: AbortSignal.timeout(REFRESH_MS) });
    render(await response.json());
  } catch (error) {
    document.getElementById('summary').textContent = 'The collector does not answer: ' + error;
  }
  setTimeout(refresh, REFRESH_MS);
}
refresh();
</script>
</body>
</html>
`;
