'use strict';
/* The auditor's page: one actor's timeline with what each event changed (the history API's `changes`), its state as
   of a chosen instant (the view's ?asOf, rebuilt from the events) and the verdict on its hash chain. The open actor
   and instant stay in the address, so that a link shows an auditor the same thing. */
(function () {
  const Page = window.RegisterPage;
  const { t, locale, formatInstant, api } = Page;
  const $ = id => document.getElementById(id);
  const PAGE_SIZE = 100;

  const state = {
    kind: null,
    id: null,
    /* The instant asked for, to the nanosecond when it came from an event; null for today's state. */
    asOf: null,
    /* What the picker showed when asOf was set, to tell whether the auditor has since picked another instant. */
    asOfShown: '',
    verification: null,
    view: null,
    events: [],
    total: 0
  };

  const formatNumber = n => new Intl.NumberFormat(locale()).format(n);
  const fill = (template, values) => Object.entries(values)
    .reduce((text, [name, value]) => text.replace('{' + name + '}', value), t(template));

  function shown(value) {
    if (value === null || value === undefined) {
      return t('audit.empty');
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  /* The picker works to the second, in UTC; a picked second includes every event recorded within it. */
  function pickedInstant() {
    const picked = $('as-of').value;
    if (!picked) {
      return null;
    }
    return (picked.length === 16 ? picked + ':00' : picked.slice(0, 19)) + '.999Z';
  }

  function showAsOf(instant) {
    state.asOf = instant;
    $('as-of').value = instant ? instant.slice(0, 19) : '';
    state.asOfShown = $('as-of').value;
  }

  /* ---- reading ---- */

  function actorPath() {
    return '/api/v1/' + state.kind + '/' + encodeURIComponent(state.id);
  }

  async function readVerification() {
    try {
      return await api('/api/v1/audit/actors/' + encodeURIComponent(state.id) + '/verification');
    } catch (error) {
      if (error instanceof Page.SignedOut) {
        throw error;
      }
      return { unavailable: error.message };
    }
  }

  /* Today's view waits until it holds what the timeline shows. Before the registration, the first event of the
     timeline, the actor did not exist yet: the view is not asked for then, as it would answer 404. */
  async function readView() {
    if (!state.asOf) {
      const newest = state.events[state.events.length - 1];
      return api(actorPath() + (newest ? '?' + new URLSearchParams({ minPosition: newest.position }) : ''));
    }
    const registration = state.events[0];
    if (registration && new Date(state.asOf) < new Date(registration.occurredAt)) {
      return null;
    }
    return api(actorPath() + '?' + new URLSearchParams({ asOf: state.asOf }));
  }

  async function readEvents(page) {
    return api(actorPath() + '/history?' + new URLSearchParams({ page, size: PAGE_SIZE }));
  }

  async function open() {
    document.body.dataset.state = 'loading';
    $('load-error').textContent = '';
    state.kind = $('actor-kind').value;
    state.id = $('actor-id').value.trim();
    if ($('as-of').value !== state.asOfShown) {
      showAsOf(pickedInstant());
    }
    const [verification, first] = await Promise.all([readVerification(), readEvents(0)]);
    Object.assign(state, { verification, events: first.items, total: first.total });
    state.view = await readView();
    remember();
    render();
    document.body.dataset.state = 'ready';
  }

  async function moreEvents() {
    document.body.dataset.state = 'loading';
    const next = await readEvents(Math.floor(state.events.length / PAGE_SIZE));
    state.events = state.events.concat(next.items);
    state.total = next.total;
    renderTimeline();
    document.body.dataset.state = 'ready';
  }

  /* Only the view depends on the instant: the timeline stays and marks what came after it. */
  async function viewAt(instant) {
    showAsOf(instant);
    if (!state.id) {
      return;
    }
    document.body.dataset.state = 'loading';
    state.view = await readView();
    remember();
    renderState();
    renderTimeline();
    document.body.dataset.state = 'ready';
  }

  function remember() {
    const query = new URLSearchParams({ kind: state.kind, id: state.id });
    if (state.asOf) {
      query.set('asOf', state.asOf);
    }
    history.replaceState(null, '', location.pathname + '?' + query);
  }

  function failed(error) {
    if (error instanceof Page.SignedOut) {
      return;
    }
    $('load-error').textContent = t('audit.loadError') + error.message;
    document.body.dataset.state = 'error';
  }

  /* ---- rendering ---- */

  function render() {
    if (!state.id) {
      return;
    }
    $('actor').hidden = false;
    renderVerification();
    renderState();
    renderTimeline();
  }

  function renderVerification() {
    const verdict = state.verification;
    const badge = $('verification-badge');
    if (verdict.unavailable) {
      badge.dataset.valid = '';
      badge.textContent = t('audit.verificationUnavailable');
      $('verification-detail').textContent = verdict.unavailable;
      return;
    }
    badge.dataset.valid = String(verdict.valid);
    badge.textContent = t(verdict.valid ? 'audit.valid' : 'audit.broken');
    const link = verdict.firstBrokenLink;
    const detail = verdict.valid
      ? fill('audit.validDetail', { events: formatNumber(verdict.events), hash: verdict.headHash })
        + (verdict.checkpointId ? fill('audit.sealedBy', { id: verdict.checkpointId }) : '')
      : fill('audit.brokenDetail', { sequence: link.sequence, kind: link.kind, detail: link.detail });
    $('verification-detail').textContent = detail;
  }

  /* The view as path and value lines, the paths written as the history's `changes` write them. */
  function flatten(value, path, lines) {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => ['[' + i + ']', v])
        : Object.entries(value).map(([k, v]) => [(path ? '.' : '') + k, v]);
      entries.forEach(([step, v]) => flatten(v, path + step, lines));
      if (!entries.length) {
        lines.push([path, value]);
      }
    } else {
      lines.push([path, value]);
    }
    return lines;
  }

  function renderState() {
    $('state-as-of').textContent = state.asOf ? fill('audit.stateAsOf', { time: formatInstant(state.asOf) })
      : t('audit.current');
    const list = $('state-fields');
    if (!state.view) {
      list.replaceChildren();
      $('state-as-of').textContent += ' ' + t('audit.notYet');
      return;
    }
    list.replaceChildren(...flatten(state.view, '', []).flatMap(([path, value]) => {
      const term = document.createElement('dt');
      term.textContent = path;
      const description = document.createElement('dd');
      description.textContent = shown(value);
      description.dataset.field = path;
      return [term, description];
    }));
  }

  function cell(tag, text) {
    const element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function diffTable(changes) {
    if (!changes || !changes.length) {
      return cell('p', t('audit.noChange'));
    }
    const table = document.createElement('table');
    table.className = 'diff';
    const head = document.createElement('tr');
    ['audit.field', 'audit.before', 'audit.after'].forEach(key => {
      const th = cell('th', t(key));
      th.scope = 'col';
      head.append(th);
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    changes.forEach(change => {
      const row = document.createElement('tr');
      const field = cell('th', change.field);
      field.scope = 'row';
      const before = cell('td', shown(change.before));
      before.className = 'before';
      const after = cell('td', shown(change.after));
      after.className = 'after';
      row.append(field, before, after);
      tbody.append(row);
    });
    table.append(thead, tbody);
    return table;
  }

  function eventItem(event) {
    const item = document.createElement('li');
    item.className = 'event';
    item.dataset.sequence = event.sequence;
    item.dataset.type = event.type;
    const later = state.asOf && new Date(event.occurredAt) > new Date(state.asOf);
    item.classList.toggle('after-as-of', Boolean(later));
    const heading = document.createElement('h3');
    const time = cell('time', formatInstant(event.occurredAt));
    time.dateTime = event.occurredAt;
    heading.append(cell('span', event.type), ' · ', time);
    const meta = cell('p', [t('audit.sequence') + ' ' + event.sequence, t('audit.position') + ' ' + shown(event.position),
      t('audit.recordedBy') + ' ' + shown(event.recordedBy), t('audit.chamber') + ' ' + shown(event.chamber),
      t('audit.trace') + ' ' + shown(event.traceId)].join(' · '));
    meta.className = 'event-meta';
    item.append(heading, meta);
    if (later) {
      item.append(cell('p', t('audit.afterAsOf')));
    }
    if (event.reason) {
      item.append(cell('p', t('audit.reason') + event.reason));
    }
    const seeState = cell('button', t('audit.seeState'));
    seeState.type = 'button';
    seeState.className = 'secondary see-state';
    seeState.addEventListener('click', () => viewAt(event.occurredAt).catch(failed));
    item.append(diffTable(event.changes), seeState);
    return item;
  }

  function renderTimeline() {
    $('timeline-summary').textContent = fill('audit.eventsShown',
      { shown: formatNumber(state.events.length), total: formatNumber(state.total) });
    $('timeline').replaceChildren(...state.events.map(eventItem));
    $('more-events').hidden = state.events.length >= state.total;
  }

  /* ---- start ---- */

  async function signedIn() {
    const asked = new URLSearchParams(location.search);
    document.body.dataset.state = 'idle';
    if (asked.get('id')) {
      $('actor-kind').value = asked.get('kind') || 'artisans';
      $('actor-id').value = asked.get('id');
      showAsOf(asked.get('asOf'));
      await open().catch(failed);
    }
  }

  function start() {
    $('actor-form').addEventListener('submit', event => {
      event.preventDefault();
      open().catch(failed);
    });
    $('clear-as-of').addEventListener('click', () => viewAt(null).catch(failed));
    $('more-events').addEventListener('click', () => moreEvents().catch(failed));
    Page.start({ content: 'audit', firstRole: 'AUDITOR', signedIn, languageChanged: render });
  }

  start();
})();
