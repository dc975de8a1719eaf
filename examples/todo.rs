//! The seed's To-Do dashboard: tasks live in a local store (so they survive a
//! reload and show in every tab of the browser), a checklist shows them
//! (checked = done), and a counter of open tasks is fed by the store's
//! `modified_timestamp`, with the data read as `state`: it runs only when the
//! store really changed.
//!
//! `cargo run --example todo` (then open http://127.0.0.1:8050/),
//! `--port N` to choose another port.

use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Task {
    id: u64,
    text: String,
    done: bool,
}

const NEW_TASK: Id<dcc::Input> = Id::new("new_task");
const ADD: Id<html::Button> = Id::new("add_task");
const TASK_LIST: Id<dcc::Checklist> = Id::new("task_list");
const OPEN_COUNT: Id<html::P> = Id::new("open_count");
const DELETE_DONE: Id<html::Button> = Id::new("delete_completed");
const CLEAR_ALL: Id<html::Button> = Id::new("clear_all");
/// Version 1 of the stored shape: bump it when `Task` changes, and browsers
/// that hold tasks of the old shape start from an empty list instead.
const TASKS: Id<dcc::Store<Vec<Task>>> = Id::new("tasks_store");

fn layout() -> Component {
    html::div((
        html::h1("To-Do"),
        html::div((
            dcc::input(NEW_TASK).placeholder("What needs doing?"),
            html::button("Add").id(ADD).style([("marginLeft", ".5em")]),
        )),
        html::div(dcc::checklist(TASK_LIST)).style([("margin", "1em 0")]),
        html::p(()).id(OPEN_COUNT),
        html::div((
            html::button("Delete completed").id(DELETE_DONE),
            html::button("Clear all")
                .id(CLEAR_ALL)
                .style([("marginLeft", ".5em")]),
        )),
        dcc::store(TASKS)
            .data(Vec::new())
            .storage_type(StorageType::Local)
            .schema_version(1),
    ))
    .style([
        ("maxWidth", "32em"),
        ("margin", "2em auto"),
        ("fontFamily", "system-ui, sans-serif"),
    ])
    .into_component()
}

/// Every change to the task list: one callback per output, so the buttons,
/// Enter in the field and the checkboxes all land here, and the context says
/// which of them fired. Also empties the field after an add.
#[callback(
    output = [TASKS.data, NEW_TASK.value],
    input = [ADD.n_clicks, NEW_TASK.n_submit, TASK_LIST.value, DELETE_DONE.n_clicks],
    state = [NEW_TASK.value, TASKS.data],
    prevent_initial_call = true
)]
fn edit_tasks(
    _add: Option<u64>,
    _submit: Option<u64>,
    checked: Option<Vec<String>>,
    _delete: Option<u64>,
    text: Option<String>,
    tasks: Option<Vec<Task>>,
    ctx: Context,
) -> (Update<Vec<Task>>, Update<String>) {
    let before = tasks.unwrap_or_default();
    let mut tasks = before.clone();
    let mut clear_field = Update::NoChange;
    // Ticking a box completes its task, unticking reopens it. The boxes are
    // read on every call, not only when they fired: a click on a button
    // right after a tick may supersede the tick's own call. (They are never
    // behind the store here: this callback waits while `show_tasks`, which
    // outputs them, is pending.)
    if let Some(checked) = checked {
        for task in &mut tasks {
            task.done = checked.contains(&task.id.to_string());
        }
    }
    if ctx.fired(DELETE_DONE.n_clicks()) {
        tasks.retain(|task| !task.done);
    }
    if ctx.fired(ADD.n_clicks()) || ctx.fired(NEW_TASK.n_submit()) {
        let text = text.unwrap_or_default();
        if !text.trim().is_empty() {
            let id = tasks.iter().map(|task| task.id).max().unwrap_or(0) + 1;
            tasks.push(Task {
                id,
                text: text.trim().to_owned(),
                done: false,
            });
            clear_field = Update::Set(String::new());
        }
    }
    // The checklist echoes the store back after every change: no write then.
    let tasks = if tasks == before {
        Update::NoChange
    } else {
        Update::Set(tasks)
    };
    (tasks, clear_field)
}

/// Wipes the store (Dash's `clear_data`). It does not read the tasks, so it
/// works even when the browser holds data that does not fit `Vec<Task>`.
#[callback(output = TASKS.clear_data, input = CLEAR_ALL.n_clicks, prevent_initial_call = true)]
fn clear_all(clicks: Option<u64>) -> Update<bool> {
    clicks.map_or(Update::NoChange, |_| Update::Set(true))
}

#[callback(
    output = [TASK_LIST.options, TASK_LIST.value],
    input = TASKS.modified_timestamp,
    state = TASKS.data
)]
fn show_tasks(
    _modified: Option<i64>,
    tasks: Option<Vec<Task>>,
) -> (Update<Vec<dcc::DropdownOption>>, Update<Vec<String>>) {
    let tasks = tasks.unwrap_or_default();
    let options = tasks
        .iter()
        .map(|task| dcc::DropdownOption {
            label: task.text.clone(),
            value: task.id.to_string().into(),
            disabled: false,
        })
        .collect();
    let checked = tasks
        .iter()
        .filter(|task| task.done)
        .map(|task| task.id.to_string())
        .collect();
    (Update::Set(options), Update::Set(checked))
}

/// The seed's recommendation: `Input(store.modified_timestamp)` and
/// `State(store.data)`, so the counter runs only when the store was written.
#[callback(output = OPEN_COUNT.children, input = TASKS.modified_timestamp, state = TASKS.data)]
fn count_open(_modified: Option<i64>, tasks: Option<Vec<Task>>) -> Update<Children> {
    let open = tasks.unwrap_or_default().iter().filter(|t| !t.done).count();
    Update::set(match open {
        1 => "1 open task".to_owned(),
        n => format!("{n} open tasks"),
    })
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new("To-Do")
        .layout(layout)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
