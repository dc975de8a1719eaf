// Mounts layout values into the DOM and routes prop updates to the one
// component instance that owns them, so the rest of the DOM stays untouched.
import {isComponent} from './layout.js';

/* api (from the app): {doc, setProps(node, props), warn, storage(type), storePrefix, win}
 * A component implementation: mount(node, api) -> {el?, mounted?(), update?(keys), unmount?()} */
export function createRenderer(api, registry) { // registry(node) -> implementation
  const instances = new WeakMap();
  const r = {
    // Appends the DOM for a children value to `parent`; returns the instances made.
    mountChildren(parent, value, list = []) {
      if (Array.isArray(value)) value.forEach(v => r.mountChildren(parent, v, list));
      else if (isComponent(value)) {
        const inst = registry(value)(value, r.api);
        instances.set(value, inst);
        list.push(inst);
        if (inst.el) parent.append(inst.el);
        if (inst.mounted) inst.mounted();
      } else if (typeof value === 'string' || typeof value === 'number') {
        parent.append(api.doc.createTextNode(String(value)));
      }
      return list;
    },
    unmountAll(list) { list.forEach(i => i.unmount && i.unmount()); },
    update(node, keys) {
      const inst = instances.get(node);
      if (inst && inst.update) inst.update(keys);
    },
  };
  r.api = {...api, mountChildren: r.mountChildren, unmountAll: r.unmountAll};
  return r;
}
