//! Joins the client's eager ES modules into one script for the index page.
//!
//! A cold page spent most of its time to the first callback fetching ten
//! small modules; one script inside the page needs no fetch at all. This is
//! not a general bundler: the client keeps to a small, regular subset of
//! module syntax, and anything outside it stops the build with the line
//! that broke it, so the subset cannot drift silently.
//!
//! - `import {a, b as c} from './x.js';` on one line (and `import * as x`);
//! - `export` before `function`, `async function`, `class` or `const`;
//! - `import('./x.js')` (or a template such as `import(`./${name}.js`)`)
//!   for modules loaded later.
//!
//! Each eager module becomes a function scope that returns its exports, in
//! an order where a module comes after those it imports. Lazy modules stay
//! files; their imports of eager modules read the bundle's exports, so a
//! page never holds two copies of a module.

use std::collections::{BTreeMap, BTreeSet};

/// Where lazy modules find the bundle's modules (a registered symbol, so it
/// cannot collide with a page's own globals).
pub const REGISTRY: &str = "globalThis[Symbol.for('ferrodash.client')]";

/// One module of the client, with comments already stripped.
pub struct Source {
    /// The file name, such as `app.js`.
    pub name: String,
    pub text: String,
    /// Marked `// Lazy module:`: loaded only by pages that need it.
    pub lazy: bool,
}

/// What [`bundle`] makes.
#[derive(Debug)]
pub struct Bundle {
    /// The eager modules as one module script, ending with the entry.
    pub script: String,
    /// The lazy modules, rewritten to import from the bundle: `(file, text)`.
    pub lazy: Vec<(String, String)>,
}

/// A static import: the module it names and the destructuring that replaces it.
struct Import {
    from: String,
    binding: String,
}

fn module_name(file: &str) -> &str {
    file.strip_suffix(".js").unwrap_or(file)
}

/// Reads `import ... from './x.js';`, or says why the line is not one.
fn parse_import(line: &str) -> Result<Import, String> {
    let rest = line.trim().strip_prefix("import ").unwrap_or_default();
    let (what, from) = rest
        .rsplit_once(" from ")
        .ok_or("an import without ` from `")?;
    let from = from.trim().trim_end_matches(';');
    let from = from
        .strip_prefix("'./")
        .and_then(|f| f.strip_suffix('\''))
        .ok_or("an import not of the form './name.js'")?;
    let what = what.trim();
    let binding = if let Some(names) = what.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
        let names: Vec<String> = names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| match n.split_once(" as ") {
                Some((name, local)) => format!("{}: {}", name.trim(), local.trim()),
                None => n.to_owned(),
            })
            .collect();
        format!("{{{}}}", names.join(", "))
    } else if let Some(local) = what.strip_prefix("* as ") {
        local.trim().to_owned()
    } else {
        return Err("a default or side-effect import".into());
    };
    Ok(Import {
        from: from.to_owned(),
        binding,
    })
}

/// The name an `export` line declares, and the line without `export `.
fn parse_export(line: &str) -> Result<(String, String), String> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let rest = line
        .trim_start()
        .strip_prefix("export ")
        .unwrap_or_default();
    let after = ["async function ", "function ", "class ", "const "]
        .iter()
        .find_map(|kw| rest.strip_prefix(kw))
        .ok_or("an export other than function, class or const")?;
    let name: String = after
        .trim_start_matches('*')
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    if name.is_empty() {
        return Err("an export without a name".into());
    }
    Ok((name, format!("{indent}{rest}")))
}

/// A module split into its imports, its exports and its body.
struct Parsed {
    imports: Vec<Import>,
    exports: Vec<String>,
    body: String,
}

fn parse(source: &Source) -> Result<Parsed, String> {
    let mut parsed = Parsed {
        imports: Vec::new(),
        exports: Vec::new(),
        body: String::new(),
    };
    for (number, line) in source.text.lines().enumerate() {
        let at = |why: String| format!("{}:{}: {why}: {line}", source.name, number + 1);
        let text = line.trim_start();
        if text.contains("import.meta") {
            return Err(at("import.meta has no meaning in the bundle".into()));
        }
        if text.starts_with("import ") || text.starts_with("import{") {
            parsed.imports.push(parse_import(line).map_err(at)?);
        } else if text.starts_with("export ") || text.starts_with("export{") {
            let (name, rest) = parse_export(line).map_err(at)?;
            parsed.exports.push(name);
            parsed.body.push_str(&rest);
            parsed.body.push('\n');
        } else {
            parsed.body.push_str(line);
            parsed.body.push('\n');
        }
    }
    Ok(parsed)
}

/// `import(` of the client's own modules goes through the bundle's loader.
fn route_dynamic_imports(body: &str, loader: &str) -> String {
    body.replace("import(`./", &format!("{loader}(`./"))
        .replace("import('./", &format!("{loader}('./"))
}

/// The eager modules in an order where each follows those it imports.
fn order(parsed: &BTreeMap<String, Parsed>) -> Result<Vec<String>, String> {
    let mut done: Vec<String> = Vec::new();
    let mut placed = BTreeSet::new();
    while placed.len() < parsed.len() {
        let next = parsed.iter().find(|(name, module)| {
            !placed.contains(*name)
                && module
                    .imports
                    .iter()
                    .all(|i| placed.contains(module_name(&i.from)))
        });
        let Some((name, _)) = next else {
            let left: Vec<_> = parsed.keys().filter(|n| !placed.contains(*n)).collect();
            return Err(format!(
                "the eager modules import each other in a cycle: {left:?}"
            ));
        };
        placed.insert(name.clone());
        done.push(name.clone());
    }
    Ok(done)
}

/// Joins the eager modules, with `entry` (such as `index.js`) last.
pub fn bundle(sources: &[Source], entry: &str) -> Result<Bundle, String> {
    let eager: BTreeSet<&str> = sources
        .iter()
        .filter(|s| !s.lazy)
        .map(|s| module_name(&s.name))
        .collect();
    let mut parsed = BTreeMap::new();
    let mut lazy = Vec::new();
    for source in sources {
        let module = parse(source)?;
        if source.lazy {
            lazy.push(lazy_module(source, &module, &eager)?);
            continue;
        }
        for import in &module.imports {
            if !eager.contains(module_name(&import.from)) {
                return Err(format!(
                    "{} imports `{}` statically, which is not an eager module",
                    source.name, import.from
                ));
            }
        }
        parsed.insert(module_name(&source.name).to_owned(), module);
    }
    let entry = module_name(entry);
    if !parsed.contains_key(entry) {
        return Err(format!("no eager module `{entry}.js` to start from"));
    }
    let mut names = order(&parsed)?;
    names.retain(|n| n != entry);
    names.push(entry.to_owned());

    // The loader: an eager module is already here; a lazy one is fetched
    // from the folder the page names on this script element.
    let mut script = format!(
        "const __ferrodash = {{}};\n\
{REGISTRY} = __ferrodash;\n\
const __ferrodash_import = path => {{\n\
  const name = path.slice(2, -3);\n\
  if (Object.hasOwn(__ferrodash, name)) return Promise.resolve(__ferrodash[name]);\n\
  const base = document.getElementById('_ferrodash-client')?.dataset.base || './';\n\
  return import(base + name + '.js');\n\
}};\n"
    );
    for name in &names {
        let module = &parsed[name];
        script.push_str(&format!("__ferrodash[{name:?}] = (() => {{\n"));
        for import in &module.imports {
            script.push_str(&format!(
                "const {} = __ferrodash[{:?}];\n",
                import.binding,
                module_name(&import.from)
            ));
        }
        script.push_str(&route_dynamic_imports(&module.body, "__ferrodash_import"));
        script.push_str(&format!(
            "return {{{}}};\n}})();\n",
            module.exports.join(", ")
        ));
    }
    if script.contains("</script") || script.contains("<!--") {
        return Err("the client's code holds `</script` or `<!--`, which would end its page's script element".into());
    }
    Ok(Bundle { script, lazy })
}

/// A lazy module keeps its exports and its imports of other lazy modules;
/// its imports of eager modules read the bundle's.
fn lazy_module(
    source: &Source,
    module: &Parsed,
    eager: &BTreeSet<&str>,
) -> Result<(String, String), String> {
    let mut text = String::new();
    for import in &module.imports {
        let from = module_name(&import.from);
        if eager.contains(from) {
            text.push_str(&format!(
                "const {} = {REGISTRY}[{from:?}];\n",
                import.binding
            ));
        } else {
            text.push_str(&format!("import * as __{from} from './{from}.js';\n"));
            text.push_str(&format!("const {} = __{from};\n", import.binding));
        }
    }
    if module.body.contains("import(") {
        return Err(format!(
            "{}: a lazy module that imports at run time",
            source.name
        ));
    }
    // The exports are declared again as the module's own.
    text.push_str(&module.body);
    text.push_str(&format!("export {{{}}};\n", module.exports.join(", ")));
    Ok((source.name.clone(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str, lazy: bool) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            lazy,
        }
    }

    #[test]
    fn modules_come_after_what_they_import() {
        let sources = [
            source(
                "index.js",
                "import {b as bee} from './b.js';\nconsole.log(bee(1));\nimport('./lazy.js');\n",
                false,
            ),
            source(
                "b.js",
                "import {a} from './a.js';\nexport const b = x => a(x) + 1;\n",
                false,
            ),
            source("a.js", "export function a(x) {\n  return x;\n}\n", false),
            source(
                "lazy.js",
                "// Lazy module: x\nimport {a} from './a.js';\nexport const z = a;\n",
                true,
            ),
        ];
        let out = bundle(&sources, "index.js").unwrap();
        let at = |s: &str| out.script.find(s).unwrap();
        assert!(at("__ferrodash[\"a\"]") < at("__ferrodash[\"b\"]"));
        assert!(at("__ferrodash[\"b\"]") < at("__ferrodash[\"index\"]"));
        assert!(out.script.contains("const {b: bee} = __ferrodash[\"b\"];"));
        assert!(out.script.contains("return {a};"));
        assert!(out.script.contains("__ferrodash_import('./lazy.js')"));
        assert!(!out.script.contains("export "));
        let (name, lazy) = &out.lazy[0];
        assert_eq!(name, "lazy.js");
        assert!(lazy.contains(&format!("const {{a}} = {REGISTRY}[\"a\"];")));
        assert!(lazy.ends_with("export {z};\n"), "{lazy}");
    }

    #[test]
    fn syntax_outside_the_subset_stops_the_build() {
        for (text, why) in [
            ("export default 1;\n", "an export other than"),
            (
                "import x from './a.js';\n",
                "a default or side-effect import",
            ),
            ("import {a} from 'https://elsewhere/a.js';\n", "'./name.js'"),
            ("const u = import.meta.url;\n", "import.meta"),
        ] {
            let sources = [
                source("index.js", text, false),
                source("a.js", "export const a = 1;\n", false),
            ];
            let err = bundle(&sources, "index.js").unwrap_err();
            assert!(
                err.contains(why) && err.starts_with("index.js:1:"),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn a_cycle_or_a_static_import_of_a_lazy_module_is_refused() {
        let cycle = [
            source("index.js", "import {a} from './a.js';\n", false),
            source(
                "a.js",
                "import {b} from './b.js';\nexport const a = 1;\n",
                false,
            ),
            source(
                "b.js",
                "import {a} from './a.js';\nexport const b = 1;\n",
                false,
            ),
        ];
        assert!(bundle(&cycle, "index.js").unwrap_err().contains("cycle"));
        let lazy = [
            source("index.js", "import {z} from './lazy.js';\n", false),
            source("lazy.js", "export const z = 1;\n", true),
        ];
        assert!(bundle(&lazy, "index.js")
            .unwrap_err()
            .contains("not an eager module"));
    }

    #[test]
    fn code_that_would_close_the_script_element_is_refused() {
        let sources = [source("index.js", "const s = '</script>';\n", false)];
        assert!(bundle(&sources, "index.js")
            .unwrap_err()
            .contains("</script"));
    }
}
