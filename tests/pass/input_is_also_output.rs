//! A property that is both an input and an output of one callback (Dash
//! allows it, for widgets that keep themselves in sync).
use ferrodash::prelude::*;

const TEXT: Id<dcc::Input> = Id::new("text");

#[callback(output = TEXT.value, input = TEXT.value)]
fn upper(text: Option<String>) -> Update<String> {
    match text {
        Some(t) if t.chars().any(char::is_lowercase) => Update::Set(t.to_uppercase()),
        _ => Update::NoChange,
    }
}

fn main() {
    App::new("sync")
        .layout(|| html::div((dcc::input(TEXT),)))
        .callbacks(ferrodash::callbacks![upper])
        .build()
        .expect("a self-updating callback is allowed");
}
