//! Embeds the browser client (`client-js/src/*.js`) into the binary, so a
//! ferrodash server is one file with nothing to deploy beside it.
//!
//! Whole-line comments are dropped on the way: they are for the people who
//! read `client-js/`, and a third of what the browser would download. The
//! modules every page needs are joined into one script that the index page
//! carries (`build/bundle.rs`); a file whose first line is `// Lazy module:`
//! stays a file, fetched only by pages that need it.

use std::fmt::Write;
use std::path::Path;

#[path = "build/bundle.rs"]
mod bundle;

/// The source without whole-line `//` comments and `/* .. */` blocks that
/// start a line, and without blank lines. The client's code has no
/// multi-line strings, so no such line is ever inside one.
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_block = false;
    for line in source.lines() {
        let text = line.trim();
        if in_block {
            in_block = !text.ends_with("*/");
            continue;
        }
        if text.starts_with("/*") {
            in_block = !text.ends_with("*/");
            continue;
        }
        if text.is_empty() || text.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new(&manifest).join("../client-js/src");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "js"));
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read a client file");
        sources.push(bundle::Source {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            lazy: text.starts_with("// Lazy module:"),
            text: strip_comments(&text),
        });
    }
    let bundled = bundle::bundle(&sources, "index.js")
        .unwrap_or_else(|why| panic!("the client cannot be bundled: {why}"));
    let client = Path::new(&out_dir).join("client");
    std::fs::create_dir_all(&client).expect("create the client folder in OUT_DIR");
    let write = |name: &str, text: &str| {
        let path = client.join(name);
        std::fs::write(&path, text).expect("write a client file");
        format!("include_str!({:?})", path.display().to_string())
    };
    let mut out = format!(
        "/// The modules every page needs, as one module script.\n\
pub static CLIENT_BUNDLE: &str = {};\n\
/// The modules only some pages need: (file name, source).\n\
pub static CLIENT_FILES: &[(&str, &str)] = &[\n",
        write("bundle.js", &bundled.script)
    );
    for (name, text) in &bundled.lazy {
        writeln!(out, "    ({name:?}, {}),", write(name, text)).unwrap();
    }
    out.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("client_files.rs"), out)
        .expect("write client_files.rs");
}
