// Clientside callbacks through window.dash_clientside, as Dash resolves them
// (dash-wire-protocol.md §9). Results go through the same apply path as
// server responses.
export async function clientside(win, cb, body) {
  const dc = (win.dash_clientside = win.dash_clientside || {});
  dc.no_update = dc.no_update || {description: 'Return to prevent updating an Output.'};
  dc.PreventUpdate = dc.PreventUpdate || {description: 'Throw to prevent updating all Outputs.'};
  const {namespace, function_name: name} = cb.clientside;
  const fn = dc[namespace] && dc[namespace][name];
  if (typeof fn !== 'function') throw new Error(`clientside function ${namespace}.${name} not found`);
  const dict = list => Object.fromEntries((list || []).map(d => [`${typeof d.id === 'string' ? d.id : JSON.stringify(d.id)}.${d.property}`, d.value]));
  const inputs = dict(body.inputs);
  const triggered = body.changedPropIds.map(p => ({prop_id: p, value: inputs[p]}));
  dc.callback_context = {
    triggered: triggered.length ? triggered : [{prop_id: '.', value: null}],
    triggered_id: triggered.length ? triggered[0].prop_id.slice(0, triggered[0].prop_id.lastIndexOf('.')) : null,
    inputs, states: dict(body.state),
    inputs_list: body.inputs, states_list: body.state || [], outputs_list: body.outputs,
  };
  let result;
  try {
    result = await fn(...body.inputs.map(d => d.value), ...(body.state || []).map(d => d.value));
  } catch (e) {
    if (e === dc.PreventUpdate) return {status: 204};
    throw e;
  }
  if (result === dc.no_update) return {status: 200, data: {response: {}}};
  if (cb.multi && !Array.isArray(result)) throw new Error('a multi-output clientside callback must return an array');
  const values = cb.multi ? result : [result], response = {};
  cb.outputs.forEach((o, i) => {
    if (values[i] !== dc.no_update) (response[o.idStr] = response[o.idStr] || {})[o.prop] = values[i];
  });
  return {status: 200, data: {response}};
}
