//! The callback graph, built and checked once when the app is built.
//!
//! Everything one callback can get wrong is caught by rustc; what needs the
//! whole app (two callbacks writing one output, cycles, ids the layout lacks
//! or has twice, a property the component with that id does not have) is
//! checked here, and every problem names each callback involved by file and
//! line.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::Value;

use crate::callback::{CallbackDef, Site};
use crate::context::Resources;
use crate::id::PropSpec;
use crate::protect::Protection;

/// One component found in the layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutEntry {
    pub namespace: String,
    pub type_name: String,
    /// For a signed or encrypted store.
    pub protection: Option<Protection>,
}

impl fmt::Display for LayoutEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let short = match self.namespace.as_str() {
            "dash_html_components" => "html",
            "dash_core_components" => "dcc",
            other => other,
        };
        write!(f, "{short}.{}", self.type_name)
    }
}

/// One thing wrong with the app's callbacks and layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Two callbacks write the same property.
    DuplicateOutput {
        output: String,
        first: Site,
        second: Site,
    },
    /// One callback lists the same output twice.
    OutputTwice { output: String, site: Site },
    /// Callbacks feed each other in a loop.
    Cycle { steps: Vec<(Site, String)> },
    /// A callback uses an id that no component in the layout has.
    MissingId {
        role: &'static str,
        prop: String,
        site: Site,
    },
    /// Two components in the layout share an id.
    DuplicateId { id: String },
    /// An id Dash cannot address (`.` or `{` in it, or empty).
    InvalidId { id: String },
    /// The component with that id is of another kind than the callback's `Id` says.
    WrongComponent {
        role: &'static str,
        prop: String,
        declared: String,
        found: String,
        site: Site,
    },
    /// A pattern family used without a wildcard.
    PatternWithoutWildcard {
        role: &'static str,
        prop: String,
        site: Site,
    },
    /// A callback takes a `Resource<T>` that the app was not given.
    MissingResource { type_name: &'static str, site: Site },
    /// The component with that id has no such property.
    UnknownProperty {
        role: &'static str,
        prop: String,
        component: String,
        site: Site,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::DuplicateOutput { output, first, second } => write!(
                f,
                "output `{output}` is written by two callbacks: {first} and {second}; \
                 a property has one writer, so merge them into one callback with several inputs"
            ),
            Problem::OutputTwice { output, site } => {
                write!(f, "callback {site} lists output `{output}` twice")
            }
            Problem::Cycle { steps } => {
                write!(f, "callbacks form a cycle: ")?;
                for (i, (site, via)) in steps.iter().enumerate() {
                    if i > 0 {
                        write!(f, " -> ")?;
                    }
                    write!(f, "{site} writes `{via}`")?;
                }
                write!(f, ", which is an input of the first; break the loop (make one of them a `state`)")
            }
            Problem::MissingId { role, prop, site } => write!(
                f,
                "callback {site} has {role} `{prop}`, but no component in the layout has the id `{}`",
                prop.split('.').next().unwrap_or_default()
            ),
            Problem::DuplicateId { id } => write!(
                f,
                "the id `{id}` is used by more than one component in the layout; ids must be unique"
            ),
            Problem::InvalidId { id } => write!(
                f,
                "the id `{id}` cannot be used: ids must be non-empty and contain neither `.` nor `{{`"
            ),
            Problem::WrongComponent { role, prop, declared, found, site } => write!(
                f,
                "callback {site} has {role} `{prop}` on a {declared}, but the component with that id in the layout is a {found}"
            ),
            Problem::PatternWithoutWildcard { role, prop, site } => write!(
                f,
                "callback {site} has {role} `{prop}`, but `{}` is a pattern family: name its members with a wildcard, `[MATCH]`, `[ALL]` or `[ALLSMALLER]`",
                prop.split('.').next().unwrap_or_default()
            ),
            Problem::MissingResource { type_name, site } => write!(
                f,
                "callback {site} takes a `Resource<{type_name}>`, but the app has none: add `.resource(value)` to the `App`"
            ),
            Problem::UnknownProperty { role, prop, component, site } => write!(
                f,
                "callback {site} has {role} `{prop}`, but a {component} has no property `{}`",
                prop.rsplit('.').next().unwrap_or_default()
            ),
        }
    }
}

/// Every problem found while building the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "the app's callbacks do not fit together ({n} problem{}):",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

/// The Dash id of a callback: [`callback_key`] of its outputs, where an
/// `allow_duplicate` output carries `@<sha256 of the inputs>` after its
/// property, as Dash does, so duplicates never collide.
pub fn callback_id(def: &CallbackDef) -> String {
    if def.options.duplicate_outputs.is_empty() {
        return callback_key(&def.outputs);
    }
    let inputs: Vec<String> = def.inputs.iter().map(PropSpec::to_string).collect();
    let hash = crate::options::sha256_hex(&inputs.join("."));
    let items: Vec<String> = def
        .outputs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if def.options.duplicate_outputs.contains(&i) {
                format!("{o}@{hash}")
            } else {
                o.to_string()
            }
        })
        .collect();
    match items.as_slice() {
        [one] => one.clone(),
        many => format!("..{}..", many.join("...")),
    }
}

/// Dash's callback id: `id.prop` for one output, `..a.p...b.q..` for several.
pub fn callback_key(outputs: &[PropSpec]) -> String {
    match outputs {
        [one] => one.to_string(),
        many => {
            let items: Vec<String> = many.iter().map(PropSpec::to_string).collect();
            format!("..{}..", items.join("..."))
        }
    }
}

/// Walks a layout (as JSON) and indexes the components that have string ids.
pub fn index_layout(layout: &Value) -> (BTreeMap<String, LayoutEntry>, Vec<Problem>) {
    let mut ids = BTreeMap::new();
    let mut problems = Vec::new();
    walk(layout, &mut ids, &mut problems);
    (ids, problems)
}

fn walk(node: &Value, ids: &mut BTreeMap<String, LayoutEntry>, problems: &mut Vec<Problem>) {
    match node {
        Value::Array(items) => items.iter().for_each(|n| walk(n, ids, problems)),
        Value::Object(obj) => {
            let (Some(Value::Object(props)), Some(Value::String(ty)), Some(Value::String(ns))) =
                (obj.get("props"), obj.get("type"), obj.get("namespace"))
            else {
                return;
            };
            if let Some(Value::String(id)) = props.get("id") {
                if id.is_empty() || id.contains('.') || id.contains('{') {
                    problems.push(Problem::InvalidId { id: id.clone() });
                }
                let server_side = props.get("server_side") == Some(&Value::Bool(true));
                let protection = props
                    .get("protection")
                    .and_then(|p| serde_json::from_value(p.clone()).ok());
                let entry = LayoutEntry {
                    protection,
                    namespace: ns.clone(),
                    type_name: if server_side && ty == "Store" {
                        "ServerStore".to_owned()
                    } else {
                        ty.clone()
                    },
                };
                if ids.insert(id.clone(), entry).is_some() {
                    let dup = Problem::DuplicateId { id: id.clone() };
                    if !problems.contains(&dup) {
                        problems.push(dup);
                    }
                }
            }
            if let Some(Value::Object(dict)) = props.get("id") {
                // A pattern family's member: indexed once under its whole
                // id (for duplicates) and once under `{<type>` (a key no
                // string id can have), for the kind check of wildcards.
                let entry = LayoutEntry {
                    protection: None,
                    namespace: ns.clone(),
                    type_name: ty.clone(),
                };
                let whole = crate::pattern::stringify_id(&Value::Object(dict.clone()));
                if ids.insert(whole.clone(), entry.clone()).is_some() {
                    let dup = Problem::DuplicateId { id: whole };
                    if !problems.contains(&dup) {
                        problems.push(dup);
                    }
                }
                if let Some(Value::String(family)) = dict.get("type") {
                    ids.entry(format!("{{{family}")).or_insert(entry);
                }
            }
            // Any prop may hold components (`children`, Dash's `children_props`).
            props.values().for_each(|v| walk(v, ids, problems));
        }
        _ => {}
    }
}

/// The validated callbacks, in a deterministic order, with their Dash ids.
#[derive(Clone, Debug)]
pub struct Graph {
    callbacks: Vec<(String, CallbackDef)>,
    by_key: HashMap<String, usize>,
    protected: HashMap<String, Protection>,
}

impl Graph {
    /// Checks the callbacks against each other and against the layout.
    pub fn build(
        mut defs: Vec<CallbackDef>,
        layout: &Value,
        resources: &Resources,
    ) -> Result<Graph, GraphError> {
        let (ids, mut problems) = index_layout(layout);
        let mut callbacks: Vec<(String, CallbackDef)> =
            defs.drain(..).map(|d| (callback_id(&d), d)).collect();
        // Source order (file, then line), as Dash lists callbacks in the order
        // they were registered; inventory's own order is unspecified.
        callbacks.sort_by(|a, b| {
            let key = |d: &CallbackDef| (d.site.file, d.site.line, d.site.name);
            key(&a.1).cmp(&key(&b.1))
        });

        let mut writers: HashMap<PropSpec, Site> = HashMap::new();
        for (_, def) in &callbacks {
            check_props(def, &ids, &mut problems);
            for need in &def.requirements {
                if !resources.contains(need.type_id) {
                    problems.push(Problem::MissingResource {
                        type_name: need.type_name,
                        site: def.site,
                    });
                }
            }
            for (i, out) in def.outputs.iter().enumerate() {
                if def.options.duplicate_outputs.contains(&i) {
                    // `allow_duplicate`: another callback may write it too.
                    continue;
                }
                if def.outputs[..i].contains(out) {
                    problems.push(Problem::OutputTwice {
                        output: out.to_string(),
                        site: def.site,
                    });
                    continue;
                }
                if let Some(first) = writers.insert(*out, def.site) {
                    problems.push(Problem::DuplicateOutput {
                        output: out.to_string(),
                        first,
                        second: def.site,
                    });
                }
            }
        }
        find_cycles(&callbacks, &mut problems);

        if !problems.is_empty() {
            return Err(GraphError { problems });
        }
        let by_key = callbacks
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        let protected = ids
            .into_iter()
            .filter_map(|(id, entry)| Some((id, entry.protection?)))
            .collect();
        Ok(Graph {
            callbacks,
            by_key,
            protected,
        })
    }

    pub fn get(&self, key: &str) -> Option<&CallbackDef> {
        self.by_key.get(key).map(|&i| &self.callbacks[i].1)
    }

    /// The callback with Dash id `key` and its position in [`Graph::iter`].
    pub fn find(&self, key: &str) -> Option<(usize, &CallbackDef)> {
        self.by_key.get(key).map(|&i| (i, &self.callbacks[i].1))
    }

    /// `(callback id, definition)` in the order `_dash-dependencies` lists them.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CallbackDef)> {
        self.callbacks.iter().map(|(k, d)| (k.as_str(), d))
    }

    /// How the data of store `id` is protected, if it is.
    pub fn protection(&self, id: &str) -> Option<Protection> {
        self.protected.get(id).copied()
    }

    /// Whether any store of the layout is signed or encrypted.
    pub fn has_protected_stores(&self) -> bool {
        !self.protected.is_empty()
    }

    pub fn len(&self) -> usize {
        self.callbacks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.callbacks.is_empty()
    }
}

fn check_props(
    def: &CallbackDef,
    ids: &BTreeMap<String, LayoutEntry>,
    problems: &mut Vec<Problem>,
) {
    let roles = [
        ("output", &def.outputs),
        ("input", &def.inputs),
        ("state", &def.states),
    ];
    for (role, specs) in roles {
        for spec in specs.iter() {
            let prop = spec.to_string();
            if spec.pattern && spec.wildcard.is_none() {
                problems.push(Problem::PatternWithoutWildcard {
                    role,
                    prop: format!("{}.{}", spec.id, spec.property),
                    site: def.site,
                });
                continue;
            }
            let found = if spec.pattern {
                // A family may have no member yet (a list that starts
                // empty); then only the property is checked.
                match ids.get(&format!("{{{}", spec.id)) {
                    Some(entry) => Some(entry),
                    None if spec.kind.has_prop(spec.property) => continue,
                    None => None,
                }
            } else {
                ids.get(spec.id)
            };
            let Some(entry) = found else {
                problems.push(Problem::MissingId {
                    role,
                    prop,
                    site: def.site,
                });
                continue;
            };
            if entry.namespace != spec.kind.namespace || entry.type_name != spec.kind.type_name {
                problems.push(Problem::WrongComponent {
                    role,
                    prop,
                    declared: spec.kind.to_string(),
                    found: entry.to_string(),
                    site: def.site,
                });
            } else if !spec.kind.has_prop(spec.property) {
                problems.push(Problem::UnknownProperty {
                    role,
                    prop,
                    component: spec.kind.to_string(),
                    site: def.site,
                });
            }
        }
    }
}

/// Reports each elementary cycle once, starting from its smallest callback.
/// A property that is both an input and an output of one callback is not a
/// cycle (Dash allows it for widgets that sync with themselves).
fn find_cycles(callbacks: &[(String, CallbackDef)], problems: &mut Vec<Problem>) {
    let n = callbacks.len();
    // edges[a] = [(b, prop)]: an output `prop` of a is an input of b.
    let mut edges: Vec<Vec<(usize, PropSpec)>> = vec![Vec::new(); n];
    for (a, (_, da)) in callbacks.iter().enumerate() {
        for (b, (_, db)) in callbacks.iter().enumerate() {
            if a == b {
                continue;
            }
            // Wildcards aside, the same property of the same id (or family).
            let same = |a: &PropSpec, b: &PropSpec| {
                a.id == b.id && a.property == b.property && a.pattern == b.pattern
            };
            if let Some(p) = da
                .outputs
                .iter()
                .find(|o| db.inputs.iter().any(|i| same(o, i)))
            {
                edges[a].push((b, *p));
            }
        }
    }
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        let mut path = vec![(start, None::<PropSpec>)];
        search(
            start,
            start,
            &edges,
            &mut path,
            &mut reported,
            callbacks,
            problems,
        );
    }
}

fn search(
    start: usize,
    at: usize,
    edges: &[Vec<(usize, PropSpec)>],
    path: &mut Vec<(usize, Option<PropSpec>)>,
    reported: &mut Vec<Vec<usize>>,
    callbacks: &[(String, CallbackDef)],
    problems: &mut Vec<Problem>,
) {
    for &(next, prop) in &edges[at] {
        if next == start {
            let mut members: Vec<usize> = path.iter().map(|(i, _)| *i).collect();
            members.sort_unstable();
            if !reported.contains(&members) {
                reported.push(members);
                let mut steps = Vec::new();
                for (k, (i, _)) in path.iter().enumerate() {
                    let via = path.get(k + 1).and_then(|s| s.1).unwrap_or(prop);
                    steps.push((callbacks[*i].1.site, via.to_string()));
                }
                problems.push(Problem::Cycle { steps });
            }
        } else if next > start && !path.iter().any(|(i, _)| *i == next) {
            path.push((next, Some(prop)));
            search(start, next, edges, path, reported, callbacks, problems);
            path.pop();
        }
    }
}
