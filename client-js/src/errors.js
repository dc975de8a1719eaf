// A small fixed panel for callback errors, so they are visible without dev tools.
const STYLE = 'position:fixed;right:8px;bottom:8px;max-width:min(480px,90vw);max-height:40vh;overflow:auto;' +
  'z-index:2147483647;background:#fff5f5;color:#7a1010;border:1px solid #e0a0a0;border-radius:4px;' +
  'font:13px/1.4 system-ui,sans-serif;padding:8px 28px 8px 10px;box-shadow:0 2px 8px rgba(0,0,0,.2);white-space:pre-wrap';
const MAX = 20;

export function createErrorPanel(doc) {
  let panel = null, list = null;
  return {
    show(message) {
      if (!panel || !panel.isConnected) {
        panel = doc.createElement('div');
        panel.id = '_ferrodash-errors';
        panel.setAttribute('role', 'alert');
        panel.style.cssText = STYLE;
        const close = doc.createElement('button');
        close.type = 'button';
        close.textContent = '\u00d7';
        close.setAttribute('aria-label', 'Dismiss errors');
        close.style.cssText = 'position:absolute;top:2px;right:4px;border:0;background:none;font-size:18px;cursor:pointer;color:inherit';
        close.addEventListener('click', () => { panel.remove(); panel = null; });
        list = doc.createElement('div');
        panel.append(close, list);
        doc.body.append(panel);
      }
      const item = doc.createElement('div');
      item.textContent = message;
      list.append(item);
      while (list.childNodes.length > MAX) list.firstChild.remove();
    },
  };
}
