//! Posts request bodies (files named on the command line) to the fuzzing
//! app and prints each answer's status and body: to look at what a corpus
//! entry or a crash input does, outside libFuzzer.
//! `cargo run --example replay -- seeds/update_component/*`

fn main() -> std::io::Result<()> {
    let harness = ferrodash_fuzz::Harness::new();
    for path in std::env::args().skip(1) {
        let body = std::fs::read(&path)?;
        let (status, answer) = harness.post(&body);
        let answer = String::from_utf8_lossy(&answer);
        let cut: String = answer.chars().take(300).collect();
        println!("{path}: {status} {cut}");
    }
    Ok(())
}
