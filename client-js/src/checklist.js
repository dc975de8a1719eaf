// Lazy module: dcc.Checklist, imported by app.js only for a page that has one.
import {widget, normalizeOptions, list, has} from './components.js';

// A labelled checkbox per option; `value` lists the checked options' values in
// option order (values that match no option are kept, at the end).
const checklist = widget('div', 'options value inline', (el, p, node, api) => {
  let opts = [], boxes = [], shape;
  return {
    sync() {
      const next = normalizeOptions(p.options), s = JSON.stringify([next, p.inline]);
      if (s !== shape) {
        shape = s;
        opts = next;
        const labels = opts.map(o => {
          const label = api.doc.createElement('label'), box = api.doc.createElement('input');
          label.style.display = p.inline ? 'inline-block' : 'block';
          box.style.marginRight = '.4em';
          box.type = 'checkbox';
          box.disabled = o.disabled;
          box.addEventListener('change', () => api.setProps(node, {value: [
            ...opts.filter((_, i) => boxes[i].checked).map(x => x.value),
            ...list(p.value).filter(v => !has(opts.map(x => x.value), v)),
          ]}));
          label.append(box, api.doc.createTextNode(o.label));
          return label;
        });
        boxes = labels.map(l => l.firstChild);
        el.replaceChildren(...labels);
      }
      boxes.forEach((b, i) => { b.checked = has(list(p.value), opts[i].value); });
    },
  };
});

export const components = {Checklist: checklist};
