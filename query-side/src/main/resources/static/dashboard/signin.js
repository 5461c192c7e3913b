'use strict';
/* Sign-in: a development token for a chosen role (register.auth.mode=dev), or OIDC authorization code with PKCE
   against the configured issuer. The token lives in sessionStorage only: it goes when the tab closes. */
window.DashboardSignIn = (function () {
  const TOKEN = 'register.dashboard.token';
  const WHO = 'register.dashboard.who';
  const PKCE = 'register.dashboard.pkce';

  function token() {
    return sessionStorage.getItem(TOKEN);
  }

  function who() {
    return sessionStorage.getItem(WHO) || '';
  }

  function keep(accessToken, label) {
    sessionStorage.setItem(TOKEN, accessToken);
    sessionStorage.setItem(WHO, label);
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(WHO);
  }

  async function devSignIn(role, region) {
    const body = { subject: 'dashboard-' + role.toLowerCase().replace(/_/g, '-'), roles: [role] };
    if (role === 'CHAMBER_CLERK') {
      body.region = region;
    }
    const response = await fetch('/api/v1/dev/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    const answer = await response.json();
    if (response.status !== 201) {
      throw new Error(answer.detail || answer.title || String(response.status));
    }
    keep(answer.token, role + (body.region ? ' ' + body.region : ''));
  }

  function base64Url(bytes) {
    let text = '';
    bytes.forEach(b => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
  }

  async function discovery(issuer) {
    const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
    if (!response.ok) {
      throw new Error('openid-configuration: ' + response.status);
    }
    return response.json();
  }

  function redirectUri() {
    return location.origin + location.pathname;
  }

  async function startOidc(config) {
    const provider = await discovery(config.issuer);
    const verifier = randomString();
    const state = randomString();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
    const query = new URLSearchParams({
      response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid',
      state, code_challenge: base64Url(new Uint8Array(digest)), code_challenge_method: 'S256'
    });
    location.assign(provider.authorization_endpoint + '?' + query);
  }

  /* Back from the issuer with ?code=&state=: trade the code for a token, then take them off the address bar. */
  async function finishOidc(config) {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error')) {
      return false;
    }
    history.replaceState(null, '', redirectUri());
    const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
    sessionStorage.removeItem(PKCE);
    if (params.has('error')) {
      throw new Error(params.get('error_description') || params.get('error'));
    }
    if (!pending || pending.state !== params.get('state')) {
      throw new Error('state mismatch');
    }
    const provider = await discovery(config.issuer);
    const response = await fetch(provider.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
        client_id: config.clientId, code_verifier: pending.verifier
      })
    });
    const answer = await response.json();
    if (!response.ok || !answer.access_token) {
      throw new Error(answer.error_description || answer.error || String(response.status));
    }
    keep(answer.access_token, config.issuer);
    return true;
  }

  return { token, who, signOut, devSignIn, startOidc, finishOidc };
})();
