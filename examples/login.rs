//! The seed's login dashboard: a login button puts a user id into a memory
//! store; a dropdown's choice is remembered in a local store, but only for a
//! logged-in user (the user id is read as `state`).
//!
//! `cargo run --example login` (then open http://127.0.0.1:8050/),
//! `--port N` to choose another port.

use ferrodash::prelude::*;

const USERNAME: Id<dcc::Input> = Id::new("username_input");
const LOGIN: Id<html::Button> = Id::new("button_login");
const LOGIN_MESSAGE: Id<html::P> = Id::new("login_message");
const OPTION: Id<dcc::Dropdown> = Id::new("dashboard_option_dropdown");
const USER_ID_STORE: Id<dcc::Store<u64>> = Id::new("user_id_store");
const OPTION_STORE: Id<dcc::Store<String>> = Id::new("dashboard_option_store");
const USER_ID_TEXT: Id<html::P> = Id::new("user_id_text");
const OPTION_TEXT: Id<html::P> = Id::new("option_text");

/// Stands in for a user database.
fn lookup_user(name: &str) -> Option<u64> {
    match name.trim() {
        "ada" => Some(1815),
        "grace" => Some(1906),
        "alan" => Some(1912),
        _ => None,
    }
}

fn layout() -> Component {
    html::div((
        html::h1("My app"),
        html::div((
            html::label("User name "),
            dcc::input(USERNAME).value("ada").placeholder("user name"),
            html::button("Log in").id(LOGIN),
            html::p(()).id(LOGIN_MESSAGE),
        )),
        html::div((
            html::label("Dashboard option "),
            dcc::dropdown(OPTION)
                .options(["overview", "details", "settings"])
                .placeholder("choose an option"),
        )),
        html::p(()).id(USER_ID_TEXT),
        html::p(()).id(OPTION_TEXT),
        dcc::store(USER_ID_STORE),
        dcc::store(OPTION_STORE).storage_type(StorageType::Local),
    ))
    .into_component()
}

#[callback(
    output = [USER_ID_STORE.data, LOGIN_MESSAGE.children],
    input = LOGIN.n_clicks,
    state = USERNAME.value,
    prevent_initial_call = true
)]
async fn login(clicks: Option<u64>, name: Option<String>) -> (Update<u64>, Update<Children>) {
    if clicks.is_none() {
        return (Update::NoChange, Update::NoChange);
    }
    let name = name.unwrap_or_default();
    match lookup_user(&name) {
        Some(id) => (Update::Set(id), Update::set(format!("Welcome, {name}."))),
        None => (
            Update::NoChange,
            Update::set(format!("No user called {name:?}.")),
        ),
    }
}

#[callback(output = OPTION_STORE.data, input = OPTION.value, state = USER_ID_STORE.data)]
fn remember_option(option: Option<String>, user: Option<u64>) -> Update<String> {
    match (option, user) {
        (Some(option), Some(_)) => Update::Set(option),
        _ => Update::NoChange,
    }
}

#[callback(output = USER_ID_TEXT.children, input = USER_ID_STORE.data)]
fn show_user(user: Option<u64>) -> Update<Children> {
    Update::set(match user {
        Some(id) => format!("User id: {id}"),
        None => "Not logged in".to_owned(),
    })
}

#[callback(output = OPTION_TEXT.children, input = OPTION_STORE.data)]
fn show_option(option: Option<String>) -> Update<Children> {
    Update::set(match option {
        Some(option) => format!("Dashboard option: {option}"),
        None => "No option chosen".to_owned(),
    })
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new("Login dashboard")
        .layout(layout)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
