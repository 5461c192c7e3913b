'use strict';
/* What the ministry's dashboard and the auditor's page share: the language (kept for the tab, so that moving from one
   page to the other keeps it), the labels, the sign-in section, and reading the API with the caller's token. Each page
   hands start() its own content element and what to do once someone is signed in and when the language changes. */
window.RegisterPage = (function () {
  const I18N = window.DashboardI18n;
  const SignIn = window.DashboardSignIn;
  const LANGUAGE = 'register.dashboard.language';
  const ROLES = ['MINISTRY_ANALYST', 'AUDITOR', 'REGISTRY_ADMIN', 'CHAMBER_CLERK'];
  const $ = id => document.getElementById(id);

  const page = {
    language: sessionStorage.getItem(LANGUAGE) === 'ar' ? 'ar' : 'fr',
    config: null
  };
  let hooks = null;

  const labels = () => I18N[page.language];
  const t = key => labels()[key] !== undefined ? labels()[key] : key;
  const locale = () => labels().locale;
  const localized = text => text ? (text[page.language] || text.fr) : '';
  const formatInstant = instant => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium',
    timeZone: 'UTC' }).format(new Date(instant)) + ' UTC';

  /* Thrown by api() when the token is refused: the sign-in section is already back, so there is nothing to report. */
  class SignedOut extends Error {
  }

  async function api(path) {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + SignIn.token(), Accept: 'application/json' }
    });
    if (response.status === 401) {
      SignIn.signOut();
      showSignIn();
      throw new SignedOut();
    }
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(body.detail || body.title || String(response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function applyLanguage() {
    document.documentElement.lang = page.language;
    document.documentElement.dir = labels().dir;
    document.querySelectorAll('[data-i18n]').forEach(element => {
      element.textContent = t(element.dataset.i18n);
    });
    const other = labels().otherLanguage;
    $('language-switch').textContent = other.label;
    $('language-switch').lang = other.code;
    $('signed-in-as').textContent = SignIn.token() ? t('signedInAs') + whoLabel() : '';
    hooks.languageChanged();
  }

  function switchLanguage() {
    page.language = labels().otherLanguage.code;
    sessionStorage.setItem(LANGUAGE, page.language);
    applyLanguage();
  }

  function showSignIn() {
    $(hooks.content).hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('signed-in-as').textContent = '';
    $('dev-sign-in').hidden = page.config.signIn !== 'dev';
    $('oidc-sign-in').hidden = page.config.signIn !== 'oidc';
    $('sign-in-unavailable').hidden = page.config.signIn !== 'none';
    document.body.dataset.state = 'signed-out';
  }

  /* An element with attributes (an empty value sets a boolean one) and children; its text comes from data-i18n. */
  function element(tag, attributes, ...children) {
    const made = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => made.setAttribute(name, value));
    made.append(...children);
    return made;
  }

  /* The sign-in section: a role to pick in dev mode (the page's own first), the issuer's button, or why neither. */
  function buildSignIn(firstRole) {
    const roles = [firstRole, ...ROLES.filter(role => role !== firstRole)];
    $('sign-in').replaceChildren(
      element('h2', { id: 'sign-in-title', 'data-i18n': 'signInTitle' }),
      element('form', { id: 'dev-sign-in', hidden: '' },
        element('p', { 'data-i18n': 'devSignInNote' }),
        element('label', { for: 'dev-role', 'data-i18n': 'role' }),
        element('select', { id: 'dev-role', name: 'role' },
          ...roles.map(role => element('option', { value: role, 'data-i18n': 'role.' + role }))),
        element('label', { for: 'dev-region', 'data-i18n': 'clerkRegion' }),
        element('select', { id: 'dev-region', name: 'region' }),
        element('button', { type: 'submit', id: 'dev-sign-in-button', 'data-i18n': 'signIn' })),
      element('div', { id: 'oidc-sign-in', hidden: '' },
        element('button', { type: 'button', id: 'oidc-sign-in-button', 'data-i18n': 'signInWithIssuer' })),
      element('p', { id: 'sign-in-unavailable', hidden: '', 'data-i18n': 'signInUnavailable' }),
      element('p', { id: 'sign-in-error', class: 'error', role: 'alert' }));
  }

  function fillClerkRegions() {
    const regions = [];
    for (let n = 1; n <= 12; n++) {
      regions.push('MA-' + String(n).padStart(2, '0'));
    }
    $('dev-region').replaceChildren(...regions.map(code => new Option(code, code)));
  }

  async function signedIn() {
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    $(hooks.content).hidden = false;
    $('signed-in-as').textContent = t('signedInAs') + whoLabel();
    await hooks.signedIn();
  }

  /* The role's name in the page's language, and the clerk's region; an issuer's caller by the issuer. */
  function whoLabel() {
    const [role, region] = SignIn.who().split(' ');
    return labels()['role.' + role] ? t('role.' + role) + (region ? ' (' + region + ')' : '') : SignIn.who();
  }

  function tokenClaims() {
    try {
      const payload = SignIn.token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(payload))));
    } catch (error) {
      return {};
    }
  }

  /**
   * Wires the header and the sign-in section, then signs in or asks to. pageHooks: content (the id of what shows once
   * signed in), firstRole (the role the dev sign-in offers first), signedIn() (async, reads and draws),
   * languageChanged() (draws again in the new language).
   */
  async function start(pageHooks) {
    hooks = pageHooks;
    buildSignIn(pageHooks.firstRole);
    $('language-switch').addEventListener('click', switchLanguage);
    $('sign-out').addEventListener('click', () => {
      SignIn.signOut();
      showSignIn();
    });
    $('dev-role').addEventListener('change', () => {
      $('dev-region').disabled = $('dev-role').value !== 'CHAMBER_CLERK';
    });
    $('dev-sign-in').addEventListener('submit', event => {
      event.preventDefault();
      $('sign-in-error').textContent = '';
      SignIn.devSignIn($('dev-role').value, $('dev-region').value).then(signedIn)
        .catch(error => { $('sign-in-error').textContent = t('signInFailed') + error.message; });
    });
    $('oidc-sign-in-button').addEventListener('click', () => {
      SignIn.startOidc(page.config)
        .catch(error => { $('sign-in-error').textContent = t('signInFailed') + error.message; });
    });
    fillClerkRegions();
    $('dev-region').disabled = true;
    applyLanguage();
    page.config = await (await fetch('/api/v1/dashboard/config')).json();
    try {
      if (page.config.signIn === 'oidc' && await SignIn.finishOidc(page.config)) {
        await signedIn();
        return;
      }
    } catch (error) {
      showSignIn();
      $('sign-in-error').textContent = t('signInFailed') + error.message;
      return;
    }
    if (SignIn.token()) {
      await signedIn();
    } else {
      showSignIn();
    }
  }

  return { page, labels, t, locale, localized, formatInstant, api, SignedOut, tokenClaims, start };
})();
