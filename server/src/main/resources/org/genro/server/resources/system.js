// What the system pages' scripts share (/_sys/explorer/, /_sys/plugins/): building
// elements without ever parsing markup, the status line, and reading a JSON answer. Loaded
// before each page's own script.
'use strict';
window.GenroSys = Object.freeze((() => {
  const $ = (id) => document.getElementById(id);

  // An element with properties set as properties (never parsed as HTML) and children
  // appended as nodes or as text.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key in node) node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  const tag = (text, extra) => el('span', {class: 'tag' + (extra ? ' ' + extra : ''), text});

  function status(text, kind) {
    const line = $('status');
    line.textContent = text;
    line.className = 'sys-status' + (kind ? ' ' + kind : '');
  }

  // The answer's JSON; a body that is not JSON (a proxy's error page) becomes {error: its text}.
  async function readJson(response) {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      return {error: text.trim() || response.status + ' ' + response.statusText};
    }
  }

  return {$, el, tag, status, readJson};
})());
