//! The To-Do dashboard with per-task buttons: one callback serves every
//! task's "Done" and "Delete" button (pattern-matching ids), a new task is
//! appended with a Patch (the list does not travel back), the "Add" button
//! is disabled while its call is in flight (`running`), and the character
//! count under the text field runs in the browser (a clientside callback).
//!
//! `cargo run --example tasks` (then open http://127.0.0.1:8050/), `--port N`.

use std::time::{SystemTime, UNIX_EPOCH};

use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Task {
    id: u64,
    text: String,
    done: bool,
}

const NEW_TASK: Id<dcc::Input> = Id::new("new_task");
const ADD: Id<html::Button> = Id::new("add");
const LENGTH: Id<html::Span> = Id::new("length");
const TASKS: Id<dcc::Store<Vec<Task>>> = Id::new("tasks");
const LIST: Id<html::Ul> = Id::new("list");
const OPEN: Id<html::P> = Id::new("open");
// One family of buttons per action; each task's buttons are members.
const DONE: Id<html::Button> = Id::pattern("done");
const DELETE: Id<html::Button> = Id::pattern("delete");

fn layout() -> Component {
    html::div((
        html::h1("Tasks"),
        html::div((
            dcc::input(NEW_TASK).placeholder("What needs doing?"),
            html::button("Add").id(ADD),
            html::span(()).id(LENGTH),
        )),
        html::ul(()).id(LIST),
        html::p(()).id(OPEN),
        dcc::store(TASKS)
            .data(Vec::new())
            .storage_type(StorageType::Local)
            .schema_version(1),
    ))
    .into_component()
}

fn new_id() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

#[callback(
    output = [allow_duplicate(TASKS.data), NEW_TASK.value],
    input = ADD.n_clicks,
    state = NEW_TASK.value,
    running = [(ADD.disabled, true, false)],
    prevent_initial_call = true
)]
async fn add_task(
    _clicks: Option<u64>,
    text: Option<String>,
) -> Result<(Update<Vec<Task>>, Update<String>), PreventUpdate> {
    let text = text
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or(PreventUpdate)?;
    let task = Task {
        id: new_id(),
        text,
        done: false,
    };
    // Only the new task travels: the browser appends it to its list.
    Ok((
        Update::Patch(Patch::new().append(task)),
        Update::Set(String::new()),
    ))
}

/// Applies `edit` to the task whose button fired, if one really was
/// clicked (a list that re-renders fires `[ALL]` inputs with no click).
fn edit_clicked(
    ctx: &Context,
    tasks: Option<Vec<Task>>,
    edit: impl FnOnce(&mut Vec<Task>, u64),
) -> Update<Vec<Task>> {
    let clicked = ctx
        .triggered_value()
        .and(ctx.triggered_key())
        .and_then(|k| k.as_u64());
    match (clicked, tasks) {
        (Some(id), Some(mut tasks)) => {
            edit(&mut tasks, id);
            Update::Set(tasks)
        }
        _ => Update::NoChange,
    }
}

#[callback(output = allow_duplicate(TASKS.data), input = DONE[ALL].n_clicks, state = TASKS.data, prevent_initial_call = true)]
fn toggle_done(
    _clicks: Vec<Option<u64>>,
    tasks: Option<Vec<Task>>,
    ctx: Context,
) -> Update<Vec<Task>> {
    edit_clicked(&ctx, tasks, |tasks, id| {
        tasks
            .iter_mut()
            .filter(|t| t.id == id)
            .for_each(|t| t.done = !t.done);
    })
}

#[callback(output = allow_duplicate(TASKS.data), input = DELETE[ALL].n_clicks, state = TASKS.data, prevent_initial_call = true)]
fn delete_task(
    _clicks: Vec<Option<u64>>,
    tasks: Option<Vec<Task>>,
    ctx: Context,
) -> Update<Vec<Task>> {
    edit_clicked(&ctx, tasks, |tasks, id| tasks.retain(|t| t.id != id))
}

#[callback(output = [LIST.children, OPEN.children], input = TASKS.modified_timestamp, state = TASKS.data)]
fn show_tasks(
    _written: Option<i64>,
    tasks: Option<Vec<Task>>,
) -> (Update<Children>, Update<Children>) {
    let tasks = tasks.unwrap_or_default();
    let rows: Vec<Component> = tasks
        .iter()
        .map(|t| {
            let text = if t.done {
                format!("✓ {}", t.text)
            } else {
                t.text.clone()
            };
            html::li((
                html::span(text)
                    .class_name(if t.done { "done" } else { "open" })
                    .style([("display", "inline-block"), ("minWidth", "12em")]),
                html::button(if t.done { "Undo" } else { "Done" }).id(DONE.at(t.id)),
                html::button("Delete").id(DELETE.at(t.id)),
            ))
            .into_component()
        })
        .collect();
    let open = tasks.iter().filter(|t| !t.done).count();
    let plural = if open == 1 { "" } else { "s" };
    (
        Update::set(rows),
        Update::set(format!("{open} open task{plural}")),
    )
}

#[callback(output = LENGTH.children, input = NEW_TASK.value, clientside = "(text) => `${(text || '').length} characters`")]
fn count_characters() {}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new("Tasks")
        .layout(layout)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
