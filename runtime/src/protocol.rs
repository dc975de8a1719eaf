//! Dash's wire format: the request body of `_dash-update-component`, its
//! response, and the `_dash-dependencies` list.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::callback::{ArgValue, CallbackDef};
use crate::graph::Graph;
use crate::id::PropSpec;
use crate::options::{sha256_hex, CLIENTSIDE_NAMESPACE};
use crate::pattern::stringify_id;

/// One `{id, property}` pair of a request's `outputs`.
#[derive(Debug, Deserialize)]
pub struct OutputRef {
    pub id: Value,
    pub property: String,
}

/// One input or state value. A prop that is undefined in the browser has no
/// `value` key; the callback sees it as `None`, like a `null`. The value is
/// kept as raw JSON text and decoded once, straight into the parameter's
/// type: a large store never becomes a tree of `Value`s.
#[derive(Debug, Deserialize)]
pub struct ValueRef {
    pub id: Value,
    pub property: String,
    #[serde(default)]
    pub value: Option<Box<RawValue>>,
}

/// An entry of `inputs`/`state` (or of `outputs`): one component, or a list
/// of them for an `ALL`/`ALLSMALLER` wildcard.
#[derive(Debug)]
pub enum Entry<T> {
    One(T),
    Many(Vec<T>),
}

// By hand rather than `#[serde(untagged)]`: untagged enums buffer their
// input, and raw JSON values cannot be read back from such a buffer.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntryVisitor<T> {
            type Value = Entry<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object `{id, property, value}` or a list of them")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Entry::One)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(Entry::Many)
            }
        }

        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
}

/// The body of `POST /_dash-update-component`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    pub output: String,
    /// An object for a one-output callback (an array if that output is an
    /// `ALL` wildcard), an array of those otherwise.
    pub outputs: Value,
    pub inputs: Vec<Entry<ValueRef>>,
    #[serde(default)]
    pub state: Vec<Entry<ValueRef>>,
    #[serde(default)]
    pub changed_prop_ids: Vec<String>,
}

/// Where one output's value goes: the stringified id of one component, or
/// of each component an `ALL` output matched.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    One(String),
    Many(Vec<String>),
}

/// The checked arguments of one call.
pub struct Arguments {
    /// Input values, then state values; `null` where the browser had none.
    pub values: Vec<ArgValue>,
    pub targets: Vec<Target>,
    pub triggered: Vec<String>,
}

fn fits(id: &Value, property: &str, spec: &PropSpec) -> bool {
    // An `@hash` suffix (Dash's allow_duplicate) is not part of the property.
    let property = property.split('@').next().unwrap_or(property);
    if property != spec.property {
        return false;
    }
    if spec.pattern {
        id.get("type").and_then(Value::as_str) == Some(spec.id)
    } else {
        id.as_str() == Some(spec.id)
    }
}

/// What outputs and values have in common: an id and a property.
trait Addressed {
    fn id(&self) -> &Value;
    fn property(&self) -> &str;
}

impl Addressed for OutputRef {
    fn id(&self) -> &Value {
        &self.id
    }
    fn property(&self) -> &str {
        &self.property
    }
}

impl Addressed for ValueRef {
    fn id(&self) -> &Value {
        &self.id
    }
    fn property(&self) -> &str {
        &self.property
    }
}

fn entry_fits<T: Addressed>(entry: &Entry<T>, spec: &PropSpec) -> bool {
    let multi = spec.wildcard.is_some_and(|w| w.is_multi());
    match entry {
        Entry::One(one) if !multi => fits(one.id(), one.property(), spec),
        Entry::Many(many) if multi => many.iter().all(|m| fits(m.id(), m.property(), spec)),
        _ => false,
    }
}

fn describe<T: Addressed>(entries: &[Entry<T>]) -> String {
    let one = |t: &T| format!("{}.{}", stringify_id(t.id()), t.property());
    let items: Vec<String> = entries
        .iter()
        .map(|e| match e {
            Entry::One(t) => one(t),
            Entry::Many(many) => {
                format!("[{}]", many.iter().map(one).collect::<Vec<_>>().join(", "))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn declared(specs: &[PropSpec]) -> String {
    let items: Vec<String> = specs.iter().map(PropSpec::to_string).collect();
    format!("[{}]", items.join(", "))
}

fn raw_arg(value: Option<Box<RawValue>>) -> ArgValue {
    match value {
        Some(raw) => ArgValue::Raw(raw),
        None => ArgValue::Json(Value::Null),
    }
}

impl UpdateRequest {
    /// Checks the request against the callback's definition and returns the
    /// arguments and where each output goes.
    pub fn arguments(self, def: &CallbackDef) -> Result<Arguments, String> {
        let outputs: Vec<Entry<OutputRef>> = if def.outputs.len() == 1 {
            vec![serde_json::from_value(self.outputs)
                .map_err(|e| format!("malformed `outputs`: {e}"))?]
        } else {
            serde_json::from_value(self.outputs).map_err(|e| format!("malformed `outputs`: {e}"))?
        };
        let outputs_fit = outputs.len() == def.outputs.len()
            && outputs
                .iter()
                .zip(&def.outputs)
                .all(|(o, s)| entry_fits(o, s));
        if !outputs_fit {
            return Err(format!(
                "`outputs` {} do not match callback `{}`, whose outputs are {}",
                describe(&outputs),
                def.site.name,
                declared(&def.outputs),
            ));
        }
        for (what, given, specs) in [
            ("inputs", &self.inputs, &def.inputs),
            ("state", &self.state, &def.states),
        ] {
            let fit = given.len() == specs.len()
                && given.iter().zip(specs).all(|(v, s)| entry_fits(v, s));
            if !fit {
                return Err(format!(
                    "`{what}` {} do not match callback `{}`, which declares {}",
                    describe(given),
                    def.site.name,
                    declared(specs),
                ));
            }
        }
        let targets = outputs
            .iter()
            .map(|o| match o {
                Entry::One(one) => Target::One(stringify_id(&one.id)),
                Entry::Many(many) => {
                    Target::Many(many.iter().map(|m| stringify_id(&m.id)).collect())
                }
            })
            .collect();
        let mut values = Vec::with_capacity(self.inputs.len() + self.state.len());
        for entry in self.inputs.into_iter().chain(self.state) {
            values.push(match entry {
                Entry::One(one) => raw_arg(one.value),
                Entry::Many(many) => {
                    // A list of raw values, joined into one JSON array.
                    let items: Vec<&str> = many
                        .iter()
                        .map(|m| m.value.as_deref().map_or("null", RawValue::get))
                        .collect();
                    let list = format!("[{}]", items.join(","));
                    ArgValue::Raw(RawValue::from_string(list).map_err(|e| e.to_string())?)
                }
            });
        }
        Ok(Arguments {
            values,
            targets,
            triggered: self.changed_prop_ids,
        })
    }
}

/// `{"multi":true,"response":{id:{prop:value}}}`, outputs left unchanged
/// omitted, several props of one component merged. An `ALL` output's list
/// is spread over the components it matched.
pub fn response_body(
    def: &CallbackDef,
    targets: &[Target],
    outputs: Vec<Option<Value>>,
) -> Result<Value, String> {
    let mut response = Map::new();
    let mut put = |key: &str, property: &str, value: Value| {
        let entry = response
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(props) = entry {
            props.insert(property.to_owned(), value);
        }
    };
    for ((spec, target), value) in def.outputs.iter().zip(targets).zip(outputs) {
        let Some(value) = value else { continue };
        match target {
            Target::One(key) => put(key, spec.property, value),
            Target::Many(keys) => {
                let Value::Array(items) = value else {
                    return Err(format!(
                        "callback `{}` returned one value for `{spec}`, which matches a list",
                        def.site.name
                    ));
                };
                if items.len() != keys.len() {
                    return Err(format!(
                        "callback `{}` returned {} values for `{spec}`, which matches {} components",
                        def.site.name,
                        items.len(),
                        keys.len()
                    ));
                }
                for (key, item) in keys.iter().zip(items) {
                    put(key, spec.property, item);
                }
            }
        }
    }
    Ok(json!({"multi": true, "response": response}))
}

fn prop_list(specs: &[PropSpec]) -> Value {
    specs
        .iter()
        .map(|s| json!({"id": s.id_text(), "property": s.property}))
        .collect()
}

/// The body of `GET /_dash-dependencies`, with every field Dash 4.4.1 sends.
pub fn dependencies(graph: &Graph) -> Value {
    graph
        .iter()
        .map(|(key, def)| {
            let clientside = def.options.clientside.map_or(Value::Null, |source| {
                json!({"namespace": CLIENTSIDE_NAMESPACE, "function_name": sha256_hex(source)})
            });
            let mut spec = json!({
                "output": key,
                "inputs": prop_list(&def.inputs),
                "state": prop_list(&def.states),
                "clientside_function": clientside,
                "prevent_initial_call": def.options.prevent_initial_call,
                "background": null,
                "dynamic_creator": null,
                "no_output": false,
                "optional": false,
                "hidden": false,
                "websocket": false,
                "persistent": false,
            });
            if !def.options.running.is_empty() {
                let side = |on: bool| -> Map<String, Value> {
                    def.options
                        .running
                        .iter()
                        .map(|r| {
                            (
                                r.prop.to_string(),
                                if on { r.on.clone() } else { r.off.clone() },
                            )
                        })
                        .collect()
                };
                spec["running"] = json!({"running": side(true), "runningOff": side(false)});
            }
            spec
        })
        .collect()
}

/// The script that puts every clientside callback's function where Dash's
/// renderer (and ours) looks for it: `window.dash_clientside[ns][name]`.
/// Served as a file, so a strict CSP (`script-src 'self'`) allows it.
pub fn clientside_script(graph: &Graph) -> Option<String> {
    let sources: Vec<&str> = graph
        .iter()
        .filter_map(|(_, def)| def.options.clientside)
        .collect();
    if sources.is_empty() {
        return None;
    }
    let ns = serde_json::to_string(CLIENTSIDE_NAMESPACE).expect("a string");
    let mut script = format!(
        "(function () {{\nvar c = window.dash_clientside = window.dash_clientside || {{}};\nvar ns = c[{ns}] = c[{ns}] || {{}};\n"
    );
    for source in sources {
        script.push_str(&format!("ns[\"{}\"] = ({source});\n", sha256_hex(source)));
    }
    script.push_str("})();\n");
    Some(script)
}
