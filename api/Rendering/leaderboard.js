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

  const columns = document.querySelectorAll('#board thead th').length;
  const short = id => id.slice(0, 12);

  // The same markup as LeaderboardPage.AppendGroupHead on the server.
  function groupHead(first, group) {
    const tr = el('tr', 'group-head');
    tr.dataset.benchmarkHash = first.benchmark_hash;
    const th = el('th');
    th.colSpan = columns;
    th.scope = 'rowgroup';
    const hash = el('span', 'group-hash mono', short(first.benchmark_hash));
    hash.title = 'benchmark content hash';
    th.append(el('span', 'group-title', group ? group.benchmark : first.benchmark), ' ', hash);
    if (group) {
      const meta = el('span', 'group-meta', group.total + (group.total === 1 ? ' record' : ' records'));
      if (group.common_protocol) meta.append(' · common protocol ', el('span', 'mono', group.common_protocol));
      if (group.tested_rows < group.total) meta.append(' · paired tests cover the top ' + group.tested_rows);
      th.append(' ', meta);
    }
    tr.append(th);
    return tr;
  }

  // The same text as LeaderboardPower.Text.
  function groupPower(group) {
    const tr = el('tr', 'group-power');
    tr.dataset.benchmarkHash = group.benchmark_hash;
    const p = group.power;
    const td = el('td', 'power', p.min_detectable_diff === null
      ? 'Too few paired rows to say what this board can tell apart.'
      : `At n = ${p.n} paired items this board detects accuracy differences of ${(p.min_detectable_diff * 100).toFixed(1)} points or more (power 0.8, α 0.05); smaller gaps may be chance.`);
    td.colSpan = columns;
    tr.append(td);
    return tr;
  }

  // The same markup as LeaderboardPage.AppendRow on the server.
  function renderRow(e, top) {
    const tr = el('tr', fresh.has(e.record_id) ? 'fresh' : '');
    tr.dataset.recordId = e.record_id;
    tr.dataset.benchmarkHash = e.benchmark_hash;
    tr.append(el('td', 'num rank', String(e.rank)));
    const range = el('td', 'range');
    if (e.rank_range) {
      const span = el('span', 'rank-range', e.rank_range[0] === e.rank_range[1] ? String(e.rank_range[0]) : e.rank_range[0] + '-' + e.rank_range[1]);
      span.title = 'ranks consistent with the paired tests';
      span.dataset.rankRange = e.rank_range[0] + '-' + e.rank_range[1];
      range.append(span);
    } else {
      const span = el('span', 'rank-range untested', '–');
      span.title = 'below the rows the paired tests cover';
      range.append(span);
    }
    tr.append(range);
    const tier = el('td');
    tier.append(el('span', 'badge ' + e.tier.replace(/[^a-z_]/g, ''), e.tier));
    if (e.reproduction_failed) {
      const failed = el('span', 'badge failed', 'reproduction failed');
      failed.title = e.reproduction_failed;
      tier.append(' ', failed);
    }
    const model = el('td', 'model', e.model);
    if (e.protocol) {
      const protocol = el('span', 'protocol mono', e.protocol);
      protocol.title = 'generation protocol';
      model.append(' ', protocol);
    }
    if (e.protocol_warnings && e.protocol_warnings.length) {
      const list = el('ul', 'protocol-warnings');
      list.title = 'differs from the most common protocol of this board';
      for (const warning of e.protocol_warnings) list.append(el('li', 'protocol-warning', warning));
      model.append(list);
    }
    tr.append(tier, model, el('td', '', e.benchmark));
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
    const truncation = el('td', 'truncation');
    const rate = el('span', 'truncation-rate', e.truncation_rate === null ? 'n/a' : percent(e.truncation_rate));
    rate.title = 'method: ' + e.truncation_method;
    truncation.append(rate);
    if (e.truncation_warning) truncation.append(' ', el('span', 'truncation-warning', e.truncation_warning));
    tr.append(accCell, el('td', 'num', String(e.tasks)), truncation, el('td', 'signer', e.signer || ''));
    const link = el('a', 'rid', short(e.record_id) + '…');
    link.href = '/records/' + encodeURIComponent(e.record_id);
    const idCell = el('td');
    idCell.append(link);
    const compareCell = el('td');
    if (top && top !== e.record_id) {
      const compare = el('a', 'compare-top', 'compare with #1');
      compare.href = '/compare?a=' + encodeURIComponent(e.record_id) + '&b=' + encodeURIComponent(top);
      compareCell.append(compare);
    }
    tr.append(idCell, compareCell);
    return tr;
  }

  // Rows in view order, a heading before each group's first row and its power line after its last, as on the server.
  function renderRows(entries, groups) {
    const byHash = new Map(groups.map(g => [g.benchmark_hash, g]));
    const out = [];
    entries.forEach((e, i) => {
      const group = byHash.get(e.benchmark_hash);
      if (i === 0 || entries[i - 1].benchmark_hash !== e.benchmark_hash) out.push(groupHead(e, group));
      out.push(renderRow(e, group ? group.top_record_id : null));
      if ((i === entries.length - 1 || entries[i + 1].benchmark_hash !== e.benchmark_hash) && group) out.push(groupPower(group));
    });
    return out;
  }

  async function refresh() {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (benchmark) query.set('benchmark', benchmark);
    const [response, groupsResponse] = await Promise.all([fetch('/v1/leaderboard?' + query), fetch('/v1/leaderboard/groups?' + query)]);
    if (!response.ok || !groupsResponse.ok) return;
    const total = Number(response.headers.get('X-Total-Count'));
    const entries = await response.json();
    const groups = await groupsResponse.json();
    rows.replaceChildren(...renderRows(entries, groups));
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
