'use strict';
/* The ministry's dashboard: reads the statistics API with the signed-in caller's token and draws each panel with
   ECharts, beside a visually hidden table that is the chart's text alternative and the source of its CSV. */
(function () {
  const Page = window.RegisterPage;
  const INK = '#1a1a1a';
  const BAR = '#1f5f99';
  /* The 12 regions as tiles, roughly where they lie (column, row): no boundary data needs redistributing. */
  const TILES = {
    'MA-01': [1, 0], 'MA-02': [2, 0], 'MA-04': [0, 1], 'MA-03': [1, 1], 'MA-06': [0, 2], 'MA-05': [1, 2],
    'MA-08': [2, 2], 'MA-07': [0, 3], 'MA-09': [1, 3], 'MA-10': [0, 4], 'MA-11': [0, 5], 'MA-12': [0, 6]
  };
  /* Axis text in the page's ink rather than the library's grey, so that it keeps AA contrast on the panels. */
  const THEME = 'register';
  const AXIS = { axisLabel: { color: INK }, axisLine: { lineStyle: { color: '#5c6670' } } };
  echarts.registerTheme(THEME, { categoryAxis: AXIS, valueAxis: AXIS });
  const CARD_STATUSES = ['VALID', 'EXPIRED', 'SUSPENDED', 'REVOKED', 'LOST', 'NONE'];
  const FILTER_DIMENSIONS = ['regionCode', 'provinceCode', 'branchCode'];

  const state = {
    reference: null,
    data: null,
    filters: {},
    charts: {},
    tables: {}
  };

  const $ = id => document.getElementById(id);
  const { labels, t, locale, localized, api } = Page;
  const formatNumber = n => new Intl.NumberFormat(locale()).format(n);
  const formatShare = x => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const formatMonth = period => new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(period + '-01T00:00:00Z'));
  const formatDate = date => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(date + 'T00:00:00Z'));
  const formatInstant = instant => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(instant));
  const today = () => new Date().toISOString().slice(0, 10);

  function languageChanged() {
    if (state.reference) {
      fillFilterChoices();
    }
    if (state.data) {
      render();
    }
  }

  async function signedIn() {
    try {
      if (!state.reference) {
        const [regions, nomenclature] = await Promise.all([api('/api/v1/reference/regions'),
          api('/api/v1/reference/activities')]);
        state.reference = { regions, branches: nomenclature.branches };
        fillFilterChoices();
        lockClerkRegion();
      }
      await load();
    } catch (error) {
      failed(error);
    }
  }

  /* A clerk reads its own region only: the region filter is fixed to it rather than offering 403s. */
  function lockClerkRegion() {
    const claims = Page.tokenClaims();
    const roles = claims.roles || [];
    if (roles.length === 1 && roles[0] === 'CHAMBER_CLERK' && claims.region) {
      $('filter-region').value = claims.region;
      $('filter-region').disabled = true;
      fillProvinces();
    }
  }

  /* ---- filters ---- */

  function option(value, text) {
    return new Option(text, value);
  }

  function fillFilterChoices() {
    const region = $('filter-region');
    const chosenRegion = region.value;
    region.replaceChildren(option('', t('allRegions')),
      ...state.reference.regions.map(r => option(r.code, localized(r.name))));
    region.value = chosenRegion;
    fillProvinces();
    const branch = $('filter-branch');
    const chosenBranch = branch.value;
    branch.replaceChildren(option('', t('allBranches')),
      ...state.reference.branches.map(b => option(b.code, localized(b.name))));
    branch.value = chosenBranch;
  }

  function fillProvinces() {
    const province = $('filter-province');
    const chosen = province.value;
    const regionCode = $('filter-region').value;
    const provinces = state.reference.regions.filter(r => !regionCode || r.code === regionCode)
      .flatMap(r => r.provinces);
    province.replaceChildren(option('', t('allProvinces')), ...provinces.map(p => option(p.code, localized(p.name))));
    province.value = provinces.some(p => p.code === chosen) ? chosen : '';
  }

  function readFilters() {
    const filters = {};
    ['regionCode', 'provinceCode', 'branchCode', 'from', 'to'].forEach(name => {
      const value = $('filters').elements[name].value;
      if (value) {
        filters[name] = value;
      }
    });
    return filters;
  }

  function regionName(code) {
    const region = state.reference.regions.find(r => r.code === code);
    return region ? localized(region.name) : code;
  }

  function provinceName(code) {
    const province = state.reference.regions.flatMap(r => r.provinces).find(p => p.code === code);
    return province ? localized(province.name) : code;
  }

  function branchName(code) {
    const branch = state.reference.branches.find(b => b.code === code);
    return branch ? localized(branch.name) : code;
  }

  /* ---- reading ---- */

  function serves(read) {
    return Page.page.config.served.includes(read);
  }

  /* Stock panels: the territorial and branch filters, and the end of the period when it lies in the past. */
  function actors(filters, query) {
    const params = new URLSearchParams(query);
    FILTER_DIMENSIONS.filter(d => filters[d]).forEach(d => params.set(d, filters[d]));
    if (filters.to && filters.to < today()) {
      params.set('asOf', filters.to);
    }
    return api('/api/v1/statistics/actors?' + params);
  }

  function firstMonth() {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - 11);
    return date.toISOString().slice(0, 10);
  }

  /* Registrations per month over the period (the last twelve months unless it is given), under the same filters. */
  async function registrations(filters) {
    const from = filters.from || firstMonth();
    const to = filters.to || today();
    const params = new URLSearchParams({ measure: 'registrations', interval: 'month', from, to });
    FILTER_DIMENSIONS.filter(d => filters[d]).forEach(d => params.set(d, filters[d]));
    const answer = await api('/api/v1/statistics/flows?' + params);
    const byMonth = new Map(months(from, to).map(m => [m, 0]));
    answer.series.forEach(s => s.points.forEach(p => {
      const month = p.period.slice(0, 7);
      byMonth.set(month, (byMonth.get(month) || 0) + p.count);
    }));
    return { position: answer.position, rows: [...byMonth.entries()].sort() };
  }

  function months(from, to) {
    const result = [];
    const cursor = new Date(from.slice(0, 7) + '-01T00:00:00Z');
    const last = to.slice(0, 7);
    while (cursor.toISOString().slice(0, 7) <= last) {
      result.push(cursor.toISOString().slice(0, 7));
      cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    }
    return result;
  }

  async function eligibleCounts(filters) {
    if (!serves('eligibleCounts')) {
      return null;
    }
    const programmes = await api('/api/v1/programmes');
    return Promise.all(programmes.map(async programme => {
      const answer = await api('/api/v1/programmes/' + encodeURIComponent(programme.programId)
        + '/eligible/count?groupBy=regionCode');
      const count = filters.regionCode
        ? (answer.groups || []).filter(g => g.key.regionCode === filters.regionCode).reduce((s, g) => s + g.count, 0)
        : answer.total;
      return { programme, count };
    }));
  }

  async function load() {
    document.body.dataset.state = 'loading';
    $('load-error').textContent = '';
    const filters = readFilters();
    if (!serves('statistics')) {
      state.filters = filters;
      state.data = { unavailable: true };
      render();
      document.body.dataset.state = 'ready';
      return;
    }
    const [byStatus, activeArtisans, cards, members, regions, branches, flows, eligible] = await Promise.all([
      actors(filters, { groupBy: 'status' }),
      actors(filters, { groupBy: 'gender', actorKind: 'ARTISAN', status: 'ACTIVE' }),
      actors(filters, { groupBy: 'cardStatus' }),
      actors(filters, { groupBy: 'member' }),
      actors(filters, { groupBy: 'regionCode' }),
      actors(filters, { groupBy: 'branchCode' }),
      serves('flows') ? registrations(filters) : null,
      eligibleCounts(filters)
    ]);
    const answers = [byStatus, activeArtisans, cards, members, regions, branches].concat(flows ? [flows] : []);
    state.filters = filters;
    state.data = {
      byStatus, activeArtisans, cards, members, regions, branches, flows, eligible,
      position: Math.max(...answers.map(a => a.position || 0)),
      readAt: new Date().toISOString()
    };
    render();
    document.body.dataset.state = 'ready';
  }

  function failed(error) {
    if (error instanceof Page.SignedOut) {
      return;
    }
    $('load-error').textContent = t('loadError') + error.message;
    document.body.dataset.state = 'error';
  }

  /* ---- rendering ---- */

  const countOf = (answer, dimension, value) => answer.groups
    .filter(g => String(g.key[dimension]) === String(value)).reduce((sum, g) => sum + g.count, 0);

  function render() {
    renderSummary();
    renderFreshness();
    if (state.data.unavailable) {
      ['panel-key-figures', 'panel-registrations', 'panel-regions', 'panel-branches', 'panel-cards', 'panel-eligible']
        .forEach(unavailable);
      return;
    }
    renderKeyFigures();
    renderRegistrations();
    renderRegions();
    renderBranches();
    renderCards();
    renderEligible();
  }

  function renderSummary() {
    const f = state.filters;
    const parts = [];
    if (f.regionCode) parts.push(t('region') + ' : ' + regionName(f.regionCode));
    if (f.provinceCode) parts.push(t('province') + ' : ' + provinceName(f.provinceCode));
    if (f.branchCode) parts.push(t('branch') + ' : ' + branchName(f.branchCode));
    if (f.from || f.to) {
      parts.push(t('period') + ' : ' + (f.from ? formatDate(f.from) : '…') + ' – ' + (f.to ? formatDate(f.to) : '…'));
    }
    $('filter-summary').textContent = t('filterSummary') + (parts.length ? parts.join(' · ') : t('noFilter'));
  }

  function renderFreshness() {
    const data = state.data;
    if (data.unavailable) {
      $('freshness').textContent = '';
      return;
    }
    $('freshness').textContent = t('freshness').replace('{position}', formatNumber(data.position))
      + t('readAt').replace('{time}', formatInstant(data.readAt));
  }

  /* A panel's parts after its heading: a message, its chart (when it has one), the chart's table, the downloads. */
  function panelParts(panelId) {
    const panel = $(panelId);
    if (!panel.querySelector('.panel-actions')) {
      const message = document.createElement('p');
      message.className = 'panel-message';
      const table = document.createElement('table');
      table.className = 'visually-hidden';
      const actions = document.createElement('div');
      actions.className = 'panel-actions';
      if (panel.dataset.chart) {
        const chart = document.createElement('div');
        chart.className = panel.dataset.chart;
        chart.setAttribute('role', 'img');
        chart.setAttribute('aria-labelledby', panelId + '-title');
        panel.append(message, chart, table, actions);
      } else {
        panel.append(message, table, actions);
      }
    }
    return { panel, table: panel.querySelector('table'), message: panel.querySelector('.panel-message'),
      chart: panel.querySelector('[role=img]'), actions: panel.querySelector('.panel-actions') };
  }

  function unavailable(panelId) {
    const parts = panelParts(panelId);
    parts.message.textContent = t('notAvailable');
    parts.table.replaceChildren();
    parts.actions.replaceChildren();
    if (parts.chart) {
      parts.chart.hidden = true;
    }
    parts.panel.querySelectorAll('dl').forEach(dl => { dl.hidden = true; });
    delete state.tables[panelId];
  }

  /* Fills the panel's text alternative and download buttons; rows hold raw values, shown through formatters. */
  function tabulate(panelId, columns, rows, formatters, note) {
    const parts = panelParts(panelId);
    const title = $(panelId + '-title').textContent;
    state.tables[panelId] = { title, columns, rows };
    const caption = document.createElement('caption');
    caption.textContent = t('tableCaption') + title;
    const head = document.createElement('tr');
    columns.forEach(c => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      head.append(th);
    });
    const body = rows.map(row => {
      const tr = document.createElement('tr');
      row.forEach((cell, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row';
        td.textContent = formatters[i] ? formatters[i](cell) : cell;
        tr.append(td);
      });
      return tr;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...body);
    parts.table.replaceChildren(caption, thead, tbody);
    parts.message.textContent = note || (rows.length ? '' : t('noData'));
    if (parts.chart) {
      parts.chart.hidden = false;
    }
    parts.actions.replaceChildren(
      actionButton(t('downloadCsv'), t('downloadCsvOf') + title, () => downloadCsv(panelId)),
      actionButton(t('downloadPng'), t('downloadPngOf') + title, () => downloadPng(panelId)));
  }

  function actionButton(text, label, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', onClick);
    return button;
  }

  function chart(panelId, option) {
    const element = panelParts(panelId).chart;
    if (!state.charts[panelId]) {
      state.charts[panelId] = echarts.init(element, THEME, { renderer: 'canvas' });
    }
    const rtl = labels().dir === 'rtl';
    state.charts[panelId].setOption(Object.assign({
      animation: false,
      textStyle: { color: INK, fontFamily: 'system-ui, sans-serif' },
      tooltip: { trigger: 'item' },
      grid: { containLabel: true, left: 16, right: 16, top: 16, bottom: 16 }
    }, option(rtl)), true);
  }

  function renderKeyFigures() {
    const d = state.data;
    const active = d.activeArtisans.total;
    const women = countOf(d.activeArtisans, 'gender', 'F');
    const figures = [
      ['figure-actors', 'figure.actors', d.byStatus.total - countOf(d.byStatus, 'status', 'STRUCK_OFF'), formatNumber],
      ['figure-active-artisans', 'figure.activeArtisans', active, formatNumber],
      ['figure-valid-cards', 'figure.validCards', countOf(d.cards, 'cardStatus', 'VALID'), formatNumber],
      ['figure-body-members', 'figure.bodyMembers', countOf(d.members, 'member', true), formatNumber],
      ['figure-women-share', 'figure.womenShare', active ? women / active : null, v => v === null ? '–' : formatShare(v)]
    ];
    $('panel-key-figures').querySelector('dl').hidden = false;
    figures.forEach(([id, , value, format]) => {
      $(id).textContent = format(value);
      $(id).dataset.value = value === null ? '' : String(value);
    });
    tabulate('panel-key-figures', [t('figure'), t('value')],
      figures.map(([, key, value]) => [t(key), value]),
      [null, v => v === null ? '–' : (Number.isInteger(v) ? formatNumber(v) : formatShare(v))]);
  }

  function renderRegistrations() {
    const flows = state.data.flows;
    if (!flows) {
      unavailable('panel-registrations');
      return;
    }
    tabulate('panel-registrations', [t('month'), t('count')], flows.rows, [formatMonth, formatNumber]);
    chart('panel-registrations', rtl => ({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', inverse: rtl, data: flows.rows.map(r => formatMonth(r[0])) },
      yAxis: { type: 'value', minInterval: 1, position: rtl ? 'right' : 'left',
        axisLabel: { formatter: formatNumber } },
      series: [{ type: 'bar', name: t('count'), itemStyle: { color: BAR }, data: flows.rows.map(r => r[1]) }]
    }));
  }

  function renderRegions() {
    const regions = state.data.regions;
    const rows = state.reference.regions.map(r => [r.code, countOf(regions, 'regionCode', r.code)]);
    tabulate('panel-regions', [t('region'), t('count')], rows, [regionName, formatNumber]);
    const highest = Math.max(1, ...rows.map(r => r[1]));
    chart('panel-regions', () => ({
      tooltip: { formatter: p => regionName(p.data.code) + ' : ' + formatNumber(p.data.value[2]) },
      grid: { left: 4, right: 4, top: 4, bottom: 40 },
      xAxis: { type: 'category', data: [0, 1, 2], show: false },
      yAxis: { type: 'category', data: [0, 1, 2, 3, 4, 5, 6], inverse: true, show: false },
      visualMap: { min: 0, max: highest, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        itemHeight: 120, text: [formatNumber(highest), formatNumber(0)], inRange: { color: ['#f1f6fc', '#7eb1e0'] }, textStyle: { color: INK },
        formatter: v => formatNumber(Math.round(v)) },
      series: [{
        type: 'heatmap',
        itemStyle: { borderColor: '#ffffff', borderWidth: 3 },
        label: { show: true, color: INK,
          formatter: p => '{name|' + regionName(p.data.code) + '}\n{count|' + formatNumber(p.data.value[2]) + '}',
          rich: { name: { fontSize: 11, lineHeight: 14, width: 120, overflow: 'break', align: 'center', color: INK },
            count: { fontSize: 13, fontWeight: 'bold', lineHeight: 16, align: 'center', color: INK } } },
        data: rows.map(([code, count]) => ({ code, value: [TILES[code][0], TILES[code][1], count] }))
      }]
    }));
  }

  function renderBranches() {
    const rows = state.data.branches.groups.map(g => [g.key.branchCode, g.count])
      .filter(r => r[1] > 0).sort((a, b) => b[1] - a[1]);
    tabulate('panel-branches', [t('branch'), t('count')], rows, [branchName, formatNumber]);
    const shown = rows.slice().reverse();
    chart('panel-branches', rtl => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, inverse: rtl, axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', position: rtl ? 'right' : 'left', data: shown.map(r => branchName(r[0])),
        axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('count'), itemStyle: { color: BAR }, data: shown.map(r => r[1]) }]
    }));
  }

  function renderCards() {
    const cards = state.data.cards;
    const rows = CARD_STATUSES.map(s => [s, countOf(cards, 'cardStatus', s) + (s === 'NONE' ? countOf(cards, 'cardStatus', 'none') : 0)]);
    const statusName = s => t('cardStatus.' + s);
    tabulate('panel-cards', [t('panel.cards'), t('count')], rows, [statusName, formatNumber]);
    chart('panel-cards', rtl => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', inverse: rtl, data: rows.map(r => statusName(r[0])), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, position: rtl ? 'right' : 'left', axisLabel: { formatter: formatNumber } },
      series: [{ type: 'bar', name: t('count'), itemStyle: { color: BAR }, data: rows.map(r => r[1]) }]
    }));
  }

  function renderEligible() {
    const eligible = state.data.eligible;
    if (!eligible) {
      unavailable('panel-eligible');
      return;
    }
    const f = state.filters;
    const note = f.provinceCode || f.branchCode || f.from || f.to ? t('eligibleByRegionOnly') : '';
    const nameOf = programme => localized(programme.inForce && programme.inForce.name) || programme.programId;
    const rows = eligible.map(e => [nameOf(e.programme), e.count]);
    tabulate('panel-eligible', [t('programme'), t('count')], rows, [null, formatNumber], note);
    chart('panel-eligible', rtl => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, inverse: rtl, axisLabel: { formatter: formatNumber } },
      yAxis: { type: 'category', position: rtl ? 'right' : 'left', data: rows.map(r => r[0]),
        axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('count'), itemStyle: { color: BAR }, data: rows.map(r => r[1]) }]
    }));
  }

  /* ---- downloads ---- */

  function fileName(panelId, extension) {
    return 'register-' + panelId.replace('panel-', '') + '-' + today() + '-' + Page.page.language + '.' + extension;
  }

  function save(url, name) {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  }

  /* UTF-8 with a byte order mark, so that a spreadsheet opens the Arabic names correctly. */
  function downloadCsv(panelId) {
    const table = state.tables[panelId];
    const quote = value => '"' + String(value === null ? '' : value).replace(/"/g, '""') + '"';
    const namer = { 'panel-regions': regionName, 'panel-branches': branchName,
      'panel-cards': s => t('cardStatus.' + s) }[panelId];
    const lines = [table.columns.map(quote).join(',')].concat(table.rows.map(row =>
      row.map((cell, i) => quote(i === 0 && namer ? namer(cell) : cell)).join(',')));
    const url = URL.createObjectURL(new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }));
    save(url, fileName(panelId, 'csv'));
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function downloadPng(panelId) {
    const url = state.charts[panelId]
      ? state.charts[panelId].getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
      : keyFiguresImage(panelId);
    save(url, fileName(panelId, 'png'));
  }

  /* The key figures have no chart: the same label and value lines, drawn as a picture. */
  function keyFiguresImage(panelId) {
    const table = state.tables[panelId];
    const canvas = document.createElement('canvas');
    const lineHeight = 44;
    canvas.width = 900;
    canvas.height = lineHeight * (table.rows.length + 2);
    const context = canvas.getContext('2d');
    const rtl = labels().dir === 'rtl';
    context.direction = rtl ? 'rtl' : 'ltr';
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = INK;
    context.textAlign = 'start';
    const start = rtl ? canvas.width - 24 : 24;
    const end = rtl ? 24 : canvas.width - 24;
    context.font = 'bold 26px system-ui, sans-serif';
    context.fillText(table.title, start, lineHeight);
    context.font = '22px system-ui, sans-serif';
    table.rows.forEach(([label, value], i) => {
      const y = lineHeight * (i + 2);
      context.textAlign = 'start';
      context.fillText(label, start, y);
      context.textAlign = 'end';
      context.fillText($(panelId).querySelectorAll('dd')[i].textContent, end, y);
    });
    return canvas.toDataURL('image/png');
  }

  /* ---- start ---- */

  function start() {
    $('filter-region').addEventListener('change', fillProvinces);
    $('filters').addEventListener('submit', event => {
      event.preventDefault();
      load().catch(failed);
    });
    $('reset-filters').addEventListener('click', () => {
      $('filters').querySelectorAll('select:not(:disabled), input').forEach(field => { field.value = ''; });
      fillProvinces();
      load().catch(failed);
    });
    $('print').addEventListener('click', () => window.print());
    window.addEventListener('resize', () => Object.values(state.charts).forEach(c => c.resize()));
    window.addEventListener('beforeprint', () => Object.values(state.charts).forEach(c => c.resize()));
    Page.start({ content: 'dashboard', firstRole: 'MINISTRY_ANALYST', signedIn, languageChanged });
  }

  start();
})();
