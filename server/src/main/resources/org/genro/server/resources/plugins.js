// The plugin settings page (/_sys/plugins/): the live plugin settings of the apps'
// routers, each value marked as the router's (or entry's) own or inherited, an editor per
// router, plugin and target, and Apply (live), Save and Revert over the page's JSON API.
//
// Names, values and the server's messages are shown with textContent and createElement,
// never parsed as markup. Calls are same-origin POSTs with a JSON body, which is what the
// server asks of any change to its own pages.
'use strict';
(() => {
  const ALL = '_all_';
  const {$, el, tag, status, readJson} = window.GenroSys;
  let routers = new Map();
  let current = null; // the router path shown
  const targets = new Map(); // plugin name -> the target chosen for it, kept across reloads

  async function request(call, body) {
    const init = {credentials: 'same-origin', headers: {Accept: 'application/json'}};
    if (body !== undefined) {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(call, init);
    const data = await readJson(response);
    if (!response.ok) throw new Error(data.error || response.status + ' ' + response.statusText);
    return data;
  }

  // Runs one call with the buttons disabled, so that a double click sends it once.
  async function busy(work) {
    const buttons = [...document.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await work();
    } catch (e) {
      status(e.message, 'error');
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function load() {
    const data = await request('tree');
    routers = new Map();
    const list = el('ul');
    for (const app of data.apps) {
      if (app.kind === 'routes') {
        list.append(el('li', null, routerNode(app.router, true)));
      } else {
        list.append(el('li', null, el('span', {text: app.name}), tag('static'),
          el('span', {class: 'hint', text: ' no plugin settings'})));
      }
    }
    $('tree').replaceChildren(list);
    // the router shown before, else the one the address names, else the first app's
    let wanted = current;
    if (wanted === null) {
      try {
        wanted = decodeURIComponent(location.hash.slice(1));
      } catch (e) {
        wanted = '';
      }
    }
    const first = routers.keys().next();
    if (routers.has(wanted)) show(routers.get(wanted));
    else if (!first.done) show(routers.get(first.value));
  }

  function routerNode(router, isApp) {
    routers.set(router.path, router);
    const button = el('button', {type: 'button', class: 'router', text: router.name});
    button.dataset.router = router.path;
    button.addEventListener('click', () => show(router));
    const children = el('ul');
    for (const child of router.routers) {
      if (child.lazy) {
        children.append(el('li', null, el('span', {text: child.name}), tag('lazy'),
          el('span', {class: 'hint', text: ' shown once built'})));
      } else if (child.alias !== undefined) {
        children.append(el('li', null, el('span', {text: child.name}), tag('alias of /' + child.alias)));
      } else {
        children.append(el('li', null, routerNode(child, false)));
      }
    }
    return el('div', {class: isApp ? 'app' : 'router'}, button, isApp ? tag('app') : null,
      router.routers.length ? children : null);
  }

  function show(router) {
    if (current !== router.path) targets.clear();
    current = router.path;
    history.replaceState(null, '', '#' + encodeURIComponent(router.path));
    for (const button of $('tree').querySelectorAll('button.router')) {
      button.setAttribute('aria-current', String(button.dataset.router === router.path));
    }
    $('detail').replaceChildren(el('h2', null, el('code', {text: '/' + router.path})),
      ...router.plugins.map((plugin) => editor(router, plugin)));
  }

  function editor(router, plugin) {
    const section = el('section', {class: 'plugin'});
    section.dataset.plugin = plugin.name;
    const target = el('select', {name: 'target', id: 'target-' + plugin.name},
      el('option', {value: ALL, text: 'the router (' + ALL + ')'}),
      ...router.entries.map((name) => el('option', {value: name,
        text: 'entry ' + name + (plugin.entries[name] ? ' (own values)' : '')})));
    const wanted = targets.get(plugin.name);
    target.value = wanted !== undefined && (wanted === ALL || router.entries.includes(wanted)) ? wanted : ALL;
    const rows = el('tbody');
    const fill = () => {
      targets.set(plugin.name, target.value);
      rows.replaceChildren(...settingsFor(router, plugin, target.value).map((s) => row(router, plugin, target.value, s)));
    };
    target.addEventListener('change', fill);
    fill();
    const applyButton = el('button', {type: 'button', class: 'apply', text: 'Apply'});
    applyButton.addEventListener('click', () => apply(router, plugin, target.value, changed(rows)));
    section.append(
      el('h3', null, el('span', {text: plugin.name}), plugin.inherited ? tag('plugged on an ancestor') : tag('plugged here')),
      el('p', {class: 'hint', text: plugin.description || ''}),
      el('p', null, el('label', {htmlFor: target.id, text: 'Target'}), target),
      el('table', {class: 'settings'},
        el('thead', null, el('tr', null, ...['Setting', 'Value', 'In force because', ''].map((h) => el('th', {text: h})))),
        rows),
      applyButton);
    return section;
  }

  // The settings as the target sees them: an entry's own values over the router's.
  function settingsFor(router, plugin, target) {
    const own = target === ALL ? null : plugin.entries[target] || {};
    return plugin.settings.map((s) => {
      if (own === null) return {name: s.name, kind: s.kind, value: s.value, own: s.own, why: routerWhy(router, s)};
      if (Object.prototype.hasOwnProperty.call(own, s.name)) {
        return {name: s.name, kind: s.kind, value: own[s.name], own: true, why: 'own value of this entry'};
      }
      return {name: s.name, kind: s.kind, value: s.value, own: false,
        why: 'inherited from the router (' + routerWhy(router, s) + ')'};
    });
  }

  function routerWhy(router, s) {
    if (s.own) return 'own value of this router';
    if (s.from === null) return 'the plugin\'s default';
    return s.from === '' ? 'inherited from the root (config.yaml plugins)' : 'inherited from /' + s.from;
  }

  function row(router, plugin, target, s) {
    const id = 'set-' + plugin.name + '-' + s.name;
    let input;
    if (s.kind === 'boolean') {
      input = el('input', {type: 'checkbox', id, name: s.name, checked: s.value === true});
    } else {
      input = el('input', {type: 'text', id, name: s.name, value: s.value === null ? '' : String(s.value),
        autocomplete: 'off', inputMode: s.kind === 'number' ? 'decimal' : 'text'});
    }
    input.dataset.kind = s.kind;
    input.dataset.initial = s.kind === 'boolean' ? String(s.value === true) : (s.value === null ? '' : String(s.value));
    let action = null;
    if (s.own) {
      action = el('button', {type: 'button', class: 'inherit', text: 'Inherit',
        title: 'Drop this value and inherit it again'});
      action.addEventListener('click', () => {
        const values = Object.create(null);
        values[s.name] = null;
        apply(router, plugin, target, values);
      });
    }
    return el('tr', {class: s.own ? 'own' : 'inherited'},
      el('th', null, el('label', {htmlFor: id}, el('code', {text: s.name}))),
      el('td', null, input),
      el('td', null, tag(s.own ? 'own' : 'inherited', s.own ? 'own' : 'inherited'), ' ', s.why),
      el('td', null, action));
  }

  // The values edited since the editor was filled; untouched ones stay inherited.
  function changed(rows) {
    const values = Object.create(null);
    for (const input of rows.querySelectorAll('input')) {
      const now = input.type === 'checkbox' ? String(input.checked) : input.value;
      if (now !== input.dataset.initial) values[input.name] = input.type === 'checkbox' ? input.checked : input.value;
    }
    return values;
  }

  function apply(router, plugin, target, values) {
    const names = Object.keys(values);
    const where = router.path + (target === ALL ? '' : ' entry ' + target);
    if (!names.length) {
      status('Nothing changed in ' + plugin.name + ' for ' + where + '.');
      return;
    }
    busy(async () => {
      const answer = await request('set', {router: router.path, plugin: plugin.name, target, values});
      await load();
      status('Applied ' + plugin.name + ' ' + names.join(', ') + ' to ' + where + ' (updated: '
        + (answer.updated || []).join(', ') + '). Live now; Save keeps it.', 'ok');
    });
  }

  $('save').addEventListener('click', () => busy(async () => {
    const answer = await request('save', {});
    status('Saved ' + answer.changes + ' change(s) to ' + answer.file + '.', 'ok');
  }));

  $('revert').addEventListener('click', () => busy(async () => {
    const answer = await request('revert', {});
    await load();
    status(answer.message || 'Reverted to the saved settings.', 'ok');
  }));

  busy(async () => {
    await load();
    status(routers.size + ' router(s) with plugin settings; ' + (current === null ? 'no app has routes.'
      : 'showing /' + current + '.'), null);
  });
})();
