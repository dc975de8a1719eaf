//! Lists: several outputs (a tuple, in order), inputs and states.
use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const NAME: Id<dcc::Input> = Id::new("name");
const CITY: Id<dcc::Dropdown> = Id::new("city");
const AGE: Id<dcc::Input> = Id::new("age");
const GREETING: Id<html::P> = Id::new("greeting");
const COUNT: Id<dcc::Store<u64>> = Id::new("count");
const LAST: Id<dcc::Store<String>> = Id::new("last");

#[callback(
    output = [GREETING.children, COUNT.data, LAST.data],
    input = [GO.n_clicks, NAME.n_submit],
    state = [NAME.value, CITY.value, AGE.value],
)]
fn greet(
    clicks: Option<u64>,
    submits: Option<u64>,
    name: Option<String>,
    city: Option<String>,
    age: Option<String>,
) -> (Update<Children>, Update<u64>, Update<String>) {
    let n = clicks.unwrap_or(0) + submits.unwrap_or(0);
    let name = name.unwrap_or_default();
    (
        Update::set(format!("{name} ({age:?}) from {city:?}")),
        Update::Set(n),
        Update::Set(name),
    )
}

fn layout() -> Component {
    html::div((
        html::button("Go").id(GO),
        dcc::input(NAME),
        dcc::dropdown(CITY).options(["Paris", "Oslo"]),
        dcc::input(AGE),
        html::p(()).id(GREETING),
        dcc::store(COUNT),
        dcc::store(LAST),
    ))
    .into_component()
}

fn main() {
    App::new("lists")
        .layout(layout)
        .callbacks(ferrodash::callbacks![greet])
        .build()
        .expect("the app is valid");
}
