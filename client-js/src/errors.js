// Lazy module: the page's panel for problems a user or developer must see
// (callback errors in development mode, a store over its quota), loaded the
// first time one happens; and the development-mode checks of the callbacks
// against the layout.
const STYLE = 'position:fixed;right:8px;bottom:8px;max-width:min(520px,92vw);max-height:45vh;overflow:auto;' +
  'z-index:2147483647;background:#fff5f5;color:#7a1010;border:2px solid #d04545;border-radius:6px;' +
  'font:13px/1.4 system-ui,sans-serif;padding:6px 30px 8px 10px;box-shadow:0 4px 14px rgba(0,0,0,.3);white-space:pre-wrap';
const MAX = 20;

// Fixed in a corner above everything, dismissible; keeps the last MAX
// messages, newest last, under a count.
export function createErrorPanel(doc) {
  let panel = null, list = null, head = null, count = 0;
  return {
    show(message) {
      if (!panel || !panel.isConnected) {
        count = 0;
        panel = doc.createElement('div');
        panel.id = '_ferrodash-errors';
        panel.setAttribute('role', 'alert');
        panel.style.cssText = STYLE;
        const close = doc.createElement('button');
        close.type = 'button';
        close.textContent = '\u00d7';
        close.setAttribute('aria-label', 'Dismiss');
        close.style.cssText = 'position:absolute;top:2px;right:4px;border:0;background:none;font-size:20px;cursor:pointer;color:inherit';
        close.addEventListener('click', () => { panel.remove(); panel = null; });
        head = doc.createElement('strong');
        list = doc.createElement('div');
        panel.append(close, head, list);
        doc.body.append(panel);
      }
      const item = doc.createElement('div');
      item.style.cssText = 'border-top:1px solid #e8b4b4;margin-top:4px;padding-top:4px';
      item.textContent = message;
      list.append(item);
      while (list.childNodes.length > MAX) list.firstChild.remove();
      count++;
      head.textContent = count === 1 ? '1 problem' : `${count} problems`;
    },
  };
}

// Development mode: ids the callbacks use that the layout lacks (wildcard
// ids are matched later, against whatever the layout holds then).
export function checkIds(graph, ids, warn) {
  for (const cb of graph.callbacks) {
    for (const d of [...cb.outputs, ...cb.inputs, ...cb.state]) {
      if (!d.wild && !ids.has(d.idStr)) warn(`ferrodash: callback ${cb.output} uses id "${d.idStr}", which is not in the layout`);
    }
  }
}
