// The API explorer (/_sys/explorer/): the apps, routers and entries of this server as a
// tree, an entry's doc and parameters, and a form that calls it.
//
// Everything the server describes (names, paths, doc texts, types) may hold markup, so it
// reaches the page only through textContent and createElement, never parsed as markup; a
// URL is built one segment at a time with encodeURIComponent. The page's policy forbids inline
// code, so the shell holds no data and this script fetches it from 'tree'.
'use strict';
(() => {
  const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
  const ANY_METHOD = ['GET', 'POST'];
  const SHOWN_BYTES = 512 * 1024;
  const {$, el, tag, status, readJson} = window.GenroSys;
  let entries = new Map();

  // A router path ("hello/greet") as a URL path, each segment encoded.
  const urlOf = (path) => '/' + path.split('/').map(encodeURIComponent).join('/');

  // "java.util.List<java.lang.Double>" reads better as "List<Double>"; the title keeps the whole name.
  const shortType = (type) => String(type).replace(/\b(?:java\.(?:lang|util|math|time)\.)/g, '');

  async function load(build) {
    status(build ? 'Building the lazy branches…' : 'Loading…');
    let data;
    try {
      const response = await fetch('tree' + (build ? '?lazy=true' : ''),
        {credentials: 'same-origin', headers: {Accept: 'application/json'}});
      data = await readJson(response);
      if (!response.ok) throw new Error(data.error || String(response.status));
    } catch (e) {
      status('Could not read the tree: ' + e.message, 'error');
      return;
    }
    renderTree(data);
    status(entries.size + ' entries in ' + data.apps.length + ' app(s)', 'ok');
    let wanted = '';
    try {
      wanted = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      // a hash that is not ours: nothing to preselect
    }
    if (entries.has(wanted)) select(entries.get(wanted));
  }

  function renderTree(data) {
    entries = new Map();
    const list = el('ul');
    for (const app of data.apps) {
      if (app.kind === 'routes') {
        list.append(el('li', {class: 'app'}, routerNode(app.router, app.name, true)));
      } else {
        list.append(el('li', {class: 'app'}, el('span', {text: app.name}),
          tag('static', 'static'), el('span', {class: 'hint', text: ' answers every path itself'})));
      }
    }
    $('tree').replaceChildren(list);
  }

  function routerNode(router, label, isApp) {
    const list = el('ul');
    for (const entry of router.entries) {
      entries.set(entry.path, entry);
      const button = el('button', {type: 'button', class: 'entry', text: entry.name, title: urlOf(entry.path)});
      button.dataset.path = entry.path;
      button.addEventListener('click', () => select(entry));
      list.append(el('li', null, button, tag(entry.methods.length ? entry.methods.join(' ') : 'any'),
        entry.auth ? tag('auth: ' + entry.auth, 'auth') : null));
    }
    for (const child of router.routers) {
      if (child.lazy) {
        list.append(el('li', null, lazyNode(child)));
      } else if (child.alias !== undefined) {
        list.append(el('li', null, el('span', {text: child.name}), tag('alias of /' + child.alias)));
      } else {
        list.append(el('li', null, routerNode(child, child.name, false)));
      }
    }
    return el('details', {open: true, class: isApp ? 'app-router' : 'router'},
      el('summary', null, el('span', {text: label}), isApp ? tag('app') : null), list);
  }

  function lazyNode(marker) {
    const build = el('button', {type: 'button', text: 'Build lazy branches'});
    build.addEventListener('click', () => load(true));
    const names = (marker.entries || []).join(', ');
    return el('details', {class: 'router lazy'}, el('summary', null, el('span', {text: marker.name}), tag('lazy')),
      el('p', {class: 'hint', text: 'Not built yet' + (names ? '; entries: ' + names : '') + '.'}), build);
  }

  function select(entry) {
    for (const button of $('tree').querySelectorAll('button.entry')) {
      button.setAttribute('aria-current', String(button.dataset.path === entry.path));
    }
    history.replaceState(null, '', '#' + encodeURIComponent(entry.path));
    $('detail').replaceChildren(
      el('h2', null, el('code', {text: '/' + entry.path, title: urlOf(entry.path)})),
      entry.doc ? el('p', {class: 'doc', text: entry.doc})
        : el('p', {class: 'hint', text: 'No doc text: @Route(doc = "...") gives one.'}),
      facts(entry),
      el('h3', {text: 'Parameters'}),
      parameters(entry),
      el('h3', {text: 'Call'}),
      callForm(entry),
      el('section', {id: 'reply', class: 'reply', 'aria-live': 'polite'},
        el('p', {class: 'hint', text: 'The reply shows here.'})));
  }

  function facts(entry) {
    const list = el('dl', {class: 'facts'});
    const add = (name, value) => list.append(el('dt', {text: name}), el('dd', null, value));
    add('Methods', entry.methods.length ? entry.methods.join(', ') : 'any (GET and POST offered below)');
    add('Auth rule', entry.auth ? el('code', {text: entry.auth}) : 'none: open to every caller');
    add('Returns', el('code', {text: shortType(entry.returns), title: entry.returns}));
    add('Content type', entry.mime || 'from the result (JSON, text, bytes)');
    if (entry.id) add('Endpoint id', el('code', {text: '/@' + entry.id}));
    return list;
  }

  function parameters(entry) {
    if (!entry.parameters.length) return el('p', {class: 'hint', text: 'None.'});
    const body = el('tbody');
    for (const p of entry.parameters) {
      body.append(el('tr', null,
        el('td', null, el('code', {text: p.name})),
        el('td', null, el('code', {text: shortType(p.type), title: p.type})),
        el('td', {text: p.required ? 'yes' : 'no'}),
        el('td', {text: p.default === undefined ? '' : p.default}),
        el('td', {text: p.variadic ? 'the path segments after the entry' : ''})));
    }
    return el('table', {class: 'params'},
      el('thead', null, el('tr', null, ...['Name', 'Type', 'Required', 'Default', ''].map((h) => el('th', {text: h})))),
      body);
  }

  // A JSON body with one member per named parameter, valued by its type or its default.
  function bodyTemplate(named) {
    const sample = Object.create(null); // a parameter named __proto__ stays a member
    for (const p of named) sample[p.name] = sampleValue(p);
    return JSON.stringify(sample, null, 2);
  }

  function sampleValue(p) {
    const type = shortType(p.type);
    const numeric = /^(int|long|short|byte|double|float|Integer|Long|Short|Byte|Double|Float|BigDecimal|BigInteger)$/.test(type);
    const bool = type === 'boolean' || type === 'Boolean';
    if (p.default !== undefined) {
      if (numeric && p.default.trim() !== '' && !Number.isNaN(Number(p.default))) return Number(p.default);
      if (bool) return p.default === 'true';
      return p.default;
    }
    if (numeric) return 0;
    if (bool) return false;
    if (/^(List|Set|Collection)\b|\[\]$/.test(type)) return [];
    if (/^Map\b/.test(type)) return {};
    return '';
  }

  function callForm(entry) {
    const methods = entry.methods.length ? entry.methods : ANY_METHOD;
    const named = entry.parameters.filter((p) => !p.variadic);
    const variadic = entry.parameters.find((p) => p.variadic);
    const method = el('select', {id: 'call-method', name: 'call-method'},
      ...methods.map((m) => el('option', {value: m, text: m})));
    if (methods.includes('GET')) method.value = 'GET';
    const query = el('fieldset', {class: 'query'}, el('legend', {text: 'Query'}));
    named.forEach((p, i) => {
      const id = 'call-q' + i;
      query.append(el('label', {htmlFor: id}, el('code', {text: p.name}), p.required ? ' (required)' : '',
        el('span', {class: 'hint', text: ' ' + shortType(p.type)})),
      el('input', {id, name: p.name, placeholder: p.default === undefined ? '' : p.default, autocomplete: 'off'}));
    });
    if (!named.length) query.append(el('p', {class: 'hint', text: 'No named parameters.'}));
    const body = el('fieldset', {class: 'body'}, el('legend', {text: 'JSON body'}),
      el('textarea', {id: 'call-body', name: 'call-body', rows: Math.min(12, named.length + 3), spellcheck: false,
        value: bodyTemplate(named), 'aria-label': 'JSON body'}));
    const segments = variadic ? el('p', null,
      el('label', {htmlFor: 'call-segments'}, 'Path segments for ', el('code', {text: variadic.name}),
        el('span', {class: 'hint', text: ' separated by /'})),
      el('input', {id: 'call-segments', name: 'call-segments', autocomplete: 'off'})) : null;
    const showFields = () => {
      body.hidden = !BODY_METHODS.has(method.value);
      query.hidden = !body.hidden;
    };
    method.addEventListener('change', showFields);
    showFields();
    const form = el('form', {id: 'call', class: 'call'},
      el('p', null, el('label', {htmlFor: 'call-method'}, 'Method'), method), segments, query, body,
      el('button', {type: 'submit', text: 'Send'}));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(entry, method.value, query, variadic);
    });
    return form;
  }

  async function send(entry, method, query, variadic) {
    let url = urlOf(entry.path);
    if (variadic) {
      const parts = $('call-segments').value.split('/').filter((s) => s !== '');
      if (parts.length) url += '/' + parts.map(encodeURIComponent).join('/');
    }
    const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json, text/plain;q=0.9, */*;q=0.8'}};
    if (BODY_METHODS.has(method)) {
      init.headers['Content-Type'] = 'application/json';
      init.body = $('call-body').value;
    } else {
      const params = new URLSearchParams();
      for (const input of query.querySelectorAll('input')) {
        if (input.value !== '') params.append(input.name, input.value);
      }
      const text = params.toString();
      if (text) url += '?' + text;
    }
    const reply = $('reply');
    reply.replaceChildren(el('p', {class: 'hint', text: 'Waiting for ' + method + ' ' + url + '…'}));
    const started = performance.now();
    try {
      const response = await fetch(url, init);
      const text = method === 'HEAD' ? '' : await response.text();
      showReply(reply, method + ' ' + url, response, text, Math.round(performance.now() - started));
    } catch (e) {
      reply.replaceChildren(el('p', {id: 'reply-status', class: 'error', text: 'No reply: ' + e.message}));
    }
  }

  function showReply(reply, requestLine, response, text, millis) {
    const headers = el('tbody');
    for (const [name, value] of response.headers) {
      headers.append(el('tr', null, el('th', {text: name}), el('td', null, el('code', {text: value}))));
    }
    let shown = text;
    if (/[/+]json\b/.test(response.headers.get('content-type') || '')) {
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch (e) {
        // not JSON after all: shown as it came
      }
    }
    if (shown.length > SHOWN_BYTES) shown = shown.slice(0, SHOWN_BYTES) + '\n… (' + shown.length + ' characters in all)';
    reply.replaceChildren(
      el('h3', {text: 'Reply'}),
      el('p', null, el('code', {class: 'request-line', text: requestLine})),
      el('p', {id: 'reply-status', class: 'reply-status ' + (response.ok ? 'ok' : 'error')},
        el('strong', {text: response.status + ' ' + response.statusText}), el('span', {class: 'hint', text: ' in ' + millis + ' ms'})),
      el('details', {open: true}, el('summary', {text: 'Headers'}), el('table', {id: 'reply-headers'}, headers)),
      el('pre', {id: 'reply-body', class: 'reply-body', text: shown === '' ? '(empty body)' : shown}));
  }

  load(false);
})();
