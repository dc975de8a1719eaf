//! Two apps on one host and port, at `/a/` and `/b/`, with the same layout,
//! the same callbacks and a local store of the same id. Each app's storage
//! keys start with its path (`/a/note_store`, `/b/note_store`), so a note
//! saved in one app never shows in, or overwrites, the other's. (Dash keeps
//! both under `note_store`.)
//!
//! `cargo run --example two_apps` (then open http://127.0.0.1:8050/),
//! `--port N` to choose another port.

use axum::response::Html;
use ferrodash::callbacks;
use ferrodash::prelude::*;

const NOTE: Id<dcc::Input> = Id::new("note_input");
const SAVE: Id<html::Button> = Id::new("save_note");
const NOTE_STORE: Id<dcc::Store<String>> = Id::new("note_store");
const SHOWN: Id<html::P> = Id::new("saved_note");

fn app(name: &'static str) -> App {
    App::new(format!("App {name}"))
        .url_prefix(name)
        .layout(move || {
            html::div((
                html::h1(format!("App {name}")),
                dcc::input(NOTE).placeholder("a note"),
                html::button("Save").id(SAVE),
                html::p(()).id(SHOWN),
                dcc::store(NOTE_STORE).storage_type(StorageType::Local),
            ))
        })
        .callbacks(callbacks![save_note, show_note])
}

#[callback(output = NOTE_STORE.data, input = SAVE.n_clicks, state = NOTE.value, prevent_initial_call = true)]
fn save_note(_clicks: Option<u64>, note: Option<String>) -> Update<String> {
    Update::Set(note.unwrap_or_default())
}

#[callback(output = SHOWN.children, input = NOTE_STORE.data)]
fn show_note(note: Option<String>) -> Update<Children> {
    Update::set(match note {
        Some(note) => format!("Saved note: {note}"),
        None => "No note saved".to_owned(),
    })
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    // An app under a path prefix answers only its own paths, so the two
    // routers merge; any other path gets a page that links to both.
    let router = app("a")
        .into_router()?
        .merge(app("b").into_router()?)
        .fallback(|| async {
            Html(r#"<!DOCTYPE html><title>Two apps</title><a href="/a/">App a</a> <a href="/b/">App b</a>"#)
        });
    let address = ferrodash::address_from_args("127.0.0.1:8050");
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .map_err(ferrodash::Error::Io)?;
    println!("ferrodash: serving two apps on http://{address}/a/ and http://{address}/b/");
    axum::serve(listener, router)
        .await
        .map_err(ferrodash::Error::Io)
}
