//! Writes the seed corpora (real request bodies with valid signatures,
//! boxes and handles under the fuzzing key) into `seeds/<target>/`:
//! `cargo run --example write_seeds` from `fuzz/`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for (target, seeds) in [
        ("update_component", ferrodash_fuzz::update_seeds()),
        ("keys", ferrodash_fuzz::keys_seeds()),
    ] {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir)?;
        for (name, body) in seeds {
            std::fs::write(dir.join(format!("seed-{name}")), body)?;
        }
    }
    println!("seeds written under {}", root.display());
    Ok(())
}
