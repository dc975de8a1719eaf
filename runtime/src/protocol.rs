//! Dash's wire format: the request body of `_dash-update-component`, its
//! response, and the `_dash-dependencies` list.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::callback::CallbackDef;
use crate::context::CallInfo;
use crate::graph::Graph;
use crate::id::PropSpec;

/// One `{id, property}` pair of a request's `outputs`.
#[derive(Debug, Deserialize)]
pub struct OutputRef {
    pub id: Value,
    pub property: String,
}

/// `outputs` is an object for a one-output callback and an array otherwise.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OutputRefs {
    One(OutputRef),
    Many(Vec<OutputRef>),
}

impl OutputRefs {
    pub fn as_slice(&self) -> &[OutputRef] {
        match self {
            OutputRefs::One(one) => std::slice::from_ref(one),
            OutputRefs::Many(many) => many,
        }
    }
}

/// One input or state value. A prop that is undefined in the browser has no
/// `value` key; the callback sees it as `None`, like a `null`.
#[derive(Debug, Deserialize)]
pub struct ValueRef {
    pub id: Value,
    pub property: String,
    #[serde(default)]
    pub value: Option<Value>,
}

/// The body of `POST /_dash-update-component`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    pub output: String,
    pub outputs: OutputRefs,
    pub inputs: Vec<ValueRef>,
    #[serde(default)]
    pub state: Vec<ValueRef>,
    #[serde(default)]
    pub changed_prop_ids: Vec<String>,
}

fn same_prop(id: &Value, property: &str, spec: &PropSpec) -> bool {
    // An `@hash` suffix (Dash's allow_duplicate) is not part of the property.
    let property = property.split('@').next().unwrap_or(property);
    id.as_str() == Some(spec.id) && property == spec.property
}

fn describe(refs: impl Iterator<Item = (String, String)>) -> String {
    let items: Vec<String> = refs.map(|(id, p)| format!("{id}.{p}")).collect();
    format!("[{}]", items.join(", "))
}

fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

impl UpdateRequest {
    /// Checks the request against the callback's definition and returns the
    /// arguments (input values, then state values) and the call's context.
    pub fn arguments(self, def: &CallbackDef) -> Result<(Vec<Value>, CallInfo), String> {
        let outputs = self.outputs.as_slice();
        let outputs_fit = outputs.len() == def.outputs.len()
            && outputs
                .iter()
                .zip(&def.outputs)
                .all(|(o, s)| same_prop(&o.id, &o.property, s));
        if !outputs_fit {
            return Err(format!(
                "`outputs` {} do not match callback `{}`, whose outputs are {}",
                describe(outputs.iter().map(|o| (id_text(&o.id), o.property.clone()))),
                def.site.name,
                describe(
                    def.outputs
                        .iter()
                        .map(|s| (s.id.to_owned(), s.property.to_owned()))
                ),
            ));
        }
        for (what, given, declared) in [
            ("inputs", &self.inputs, &def.inputs),
            ("state", &self.state, &def.states),
        ] {
            let fits = given.len() == declared.len()
                && given
                    .iter()
                    .zip(declared)
                    .all(|(v, s)| same_prop(&v.id, &v.property, s));
            if !fits {
                return Err(format!(
                    "`{what}` {} do not match callback `{}`, which declares {}",
                    describe(given.iter().map(|v| (id_text(&v.id), v.property.clone()))),
                    def.site.name,
                    describe(
                        declared
                            .iter()
                            .map(|s| (s.id.to_owned(), s.property.to_owned()))
                    ),
                ));
            }
        }
        let mut info = CallInfo {
            triggered: self.changed_prop_ids,
            ..CallInfo::default()
        };
        let mut args = Vec::with_capacity(self.inputs.len() + self.state.len());
        for (values, map) in [
            (self.inputs, &mut info.inputs),
            (self.state, &mut info.states),
        ] {
            for v in values {
                let value = v.value.unwrap_or(Value::Null);
                map.insert(format!("{}.{}", id_text(&v.id), v.property), value.clone());
                args.push(value);
            }
        }
        Ok((args, info))
    }
}

/// `{"multi":true,"response":{id:{prop:value}}}`, outputs left unchanged
/// omitted, several props of one component merged.
pub fn response_body(def: &CallbackDef, outputs: Vec<Option<Value>>) -> Value {
    let mut response = Map::new();
    for (spec, value) in def.outputs.iter().zip(outputs) {
        if let Some(value) = value {
            let entry = response
                .entry(spec.id.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(props) = entry {
                props.insert(spec.property.to_owned(), value);
            }
        }
    }
    json!({"multi": true, "response": response})
}

fn prop_list(specs: &[PropSpec]) -> Value {
    specs
        .iter()
        .map(|s| json!({"id": s.id, "property": s.property}))
        .collect()
}

/// The body of `GET /_dash-dependencies`, with every field Dash 4.4.1 sends.
pub fn dependencies(graph: &Graph) -> Value {
    graph
        .iter()
        .map(|(key, def)| {
            json!({
                "output": key,
                "inputs": prop_list(&def.inputs),
                "state": prop_list(&def.states),
                "clientside_function": null,
                "prevent_initial_call": def.options.prevent_initial_call,
                "background": null,
                "dynamic_creator": null,
                "no_output": false,
                "optional": false,
                "hidden": false,
                "websocket": false,
                "persistent": false,
            })
        })
        .collect()
}
