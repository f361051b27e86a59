// Live leaderboard: follows /v1/leaderboard/stream and re-renders the visible page of rows from /v1/leaderboard.
// Rows are built with DOM calls and textContent only: record fields are hostile input.
(() => {
  const table = document.getElementById('board');
  const rows = document.getElementById('rows');
  const count = document.getElementById('count');
  const live = document.getElementById('live');
  const select = document.getElementById('benchmark');
  const benchmark = table.dataset.benchmark;
  const offset = Number(table.dataset.offset);
  const limit = Number(table.dataset.limit);
  const fresh = new Set();
  let pending = null;

  select.addEventListener('change', () => {
    location.href = select.value ? '/?benchmark=' + encodeURIComponent(select.value) : '/';
  });

  const percent = f => (f * 100).toFixed(1) + '%';
  const css = f => (Math.min(1, Math.max(0, f)) * 100).toFixed(2) + '%';
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // The same markup as LeaderboardPage.AppendRow on the server.
  function renderRow(e) {
    const tr = el('tr', fresh.has(e.record_id) ? 'fresh' : '');
    tr.dataset.recordId = e.record_id;
    tr.append(el('td', 'num rank', String(e.rank)));
    const tier = el('td');
    tier.append(el('span', 'badge ' + e.tier.replace(/[^a-z_]/g, ''), e.tier));
    if (e.reproduction_failed) {
      const failed = el('span', 'badge failed', 'reproduction failed');
      failed.title = e.reproduction_failed;
      tier.append(' ', failed);
    }
    tr.append(tier, el('td', 'model', e.model), el('td', '', e.benchmark));
    const acc = el('div', 'acc');
    const bar = el('span', 'bar');
    bar.title = '95% Wilson interval ' + percent(e.wilson[0]) + ' to ' + percent(e.wilson[1]);
    const fill = el('span', 'fill');
    fill.style.width = css(e.accuracy);
    const ci = el('span', 'ci');
    ci.style.left = css(e.wilson[0]);
    ci.style.width = css(e.wilson[1] - e.wilson[0]);
    bar.append(fill, ci);
    acc.append(el('span', 'acc-num', percent(e.accuracy)), bar);
    const accCell = el('td');
    accCell.append(acc);
    tr.append(accCell, el('td', 'num', String(e.tasks)), el('td', 'signer', e.signer || ''));
    const link = el('a', 'rid', e.record_id.slice(0, 12) + '…');
    link.href = '/records/' + encodeURIComponent(e.record_id);
    const idCell = el('td');
    idCell.append(link);
    tr.append(idCell);
    return tr;
  }

  async function refresh() {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (benchmark) query.set('benchmark', benchmark);
    const response = await fetch('/v1/leaderboard?' + query);
    if (!response.ok) return;
    const total = Number(response.headers.get('X-Total-Count'));
    const entries = await response.json();
    rows.replaceChildren(...entries.map(renderRow));
    fresh.clear();
    count.textContent = total === 0 ? 'No records yet.' : `Showing ${offset + 1}–${offset + entries.length} of ${total} records`;
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  }

  // Changes come in bursts under load: one refresh per quarter second at most.
  function schedule() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; refresh().catch(() => {}); }, 250);
  }

  const source = new EventSource('/v1/leaderboard/stream' + (benchmark ? '?benchmark=' + encodeURIComponent(benchmark) : ''));
  source.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
  source.addEventListener('error', () => { live.textContent = 'reconnecting…'; live.className = 'live'; });
  source.addEventListener('change', event => {
    for (const entry of JSON.parse(event.data).entries) fresh.add(entry.record_id);
    schedule();
  });
})();
