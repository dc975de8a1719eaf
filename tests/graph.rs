//! Whole-graph checks at `App::build`: each refusal names every callback
//! involved by file and line, and the ids and properties.

use ferrodash::prelude::*;
use ferrodash::{callbacks, Error, Problem};

const A: Id<html::Button> = Id::new("a");
const B: Id<html::Div> = Id::new("b");
const C: Id<html::Div> = Id::new("c");
const D: Id<html::Div> = Id::new("d");
const GHOST: Id<html::Div> = Id::new("ghost");
const STORE: Id<dcc::Store<u32>> = Id::new("store");
/// Declared as a button, but the layout has a div with this id.
const B_AS_BUTTON: Id<html::Button> = Id::new("b");

fn layout() -> Component {
    html::div((
        html::button("a").id(A),
        html::div(()).id(B),
        html::div(()).id(C),
        html::div(()).id(D),
        dcc::store(STORE),
    ))
    .into_component()
}

fn build(
    defs: impl IntoIterator<Item = ferrodash::CallbackDef>,
) -> Result<ferrodash::BuiltApp, Error> {
    App::new("graph").layout(layout).callbacks(defs).build()
}

fn problems(result: Result<ferrodash::BuiltApp, Error>) -> (Vec<Problem>, String) {
    match result {
        Err(Error::Graph(e)) => (e.problems.clone(), e.to_string()),
        Err(other) => panic!("expected a graph error, got {other}"),
        Ok(_) => panic!("expected the app to be refused"),
    }
}

#[callback(output = B.children, input = A.n_clicks)]
fn writes_b(_: Option<u64>) -> Update<Children> {
    Update::NoChange
}

#[callback(output = B.children, input = A.n_clicks)]
fn also_writes_b(_: Option<u64>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn an_output_written_by_two_callbacks_is_refused_naming_both() {
    let (problems, text) = problems(build(callbacks![writes_b, also_writes_b]));
    assert_eq!(problems.len(), 1, "{text}");
    assert!(
        text.contains("output `b.children` is written by two callbacks"),
        "{text}"
    );
    let first = format!("`writes_b` (tests/graph.rs:{})", line_of("fn writes_b"));
    let second = format!(
        "`also_writes_b` (tests/graph.rs:{})",
        line_of("fn also_writes_b")
    );
    assert!(
        text.contains(&first) && text.contains(&second),
        "{text}\nexpected {first} and {second}"
    );
}

#[callback(output = C.children, input = B.children)]
fn b_to_c(_: Option<Children>) -> Update<Children> {
    Update::NoChange
}

#[callback(output = B.children, input = C.children)]
fn c_to_b(_: Option<Children>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn a_cycle_of_two_callbacks_is_refused_naming_both() {
    let (problems, text) = problems(build(callbacks![b_to_c, c_to_b]));
    assert_eq!(problems.len(), 1, "{text}");
    assert!(
        matches!(&problems[0], Problem::Cycle { steps } if steps.len() == 2),
        "{text}"
    );
    assert!(text.contains("cycle"), "{text}");
    assert!(
        text.contains(&format!(
            "`b_to_c` (tests/graph.rs:{}) writes `c.children`",
            line_of("fn b_to_c")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "`c_to_b` (tests/graph.rs:{}) writes `b.children`",
            line_of("fn c_to_b")
        )),
        "{text}"
    );
}

#[callback(output = D.children, input = C.children)]
fn c_to_d(_: Option<Children>) -> Update<Children> {
    Update::NoChange
}

#[callback(output = B.children, input = D.children)]
fn d_to_b(_: Option<Children>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn a_cycle_of_three_callbacks_is_refused_naming_all_three() {
    let (problems, text) = problems(build(callbacks![b_to_c, c_to_d, d_to_b]));
    assert_eq!(problems.len(), 1, "{text}");
    assert!(
        matches!(&problems[0], Problem::Cycle { steps } if steps.len() == 3),
        "{text}"
    );
    for name in ["b_to_c", "c_to_d", "d_to_b"] {
        let site = format!(
            "`{name}` (tests/graph.rs:{})",
            line_of(&format!("fn {name}"))
        );
        assert!(text.contains(&site), "{text}\nmissing {site}");
    }
}

#[callback(output = B.children, input = B.children)]
fn syncs_itself(_: Option<Children>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn an_input_that_is_also_an_output_of_the_same_callback_is_no_cycle() {
    build(callbacks![syncs_itself]).expect("Dash allows a callback to write its own input");
}

#[callback(output = GHOST.children, input = A.n_clicks)]
fn writes_ghost(_: Option<u64>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn an_id_missing_from_the_layout_is_refused_naming_it() {
    let (problems, text) = problems(build(callbacks![writes_ghost]));
    assert_eq!(problems.len(), 1, "{text}");
    let site = format!(
        "`writes_ghost` (tests/graph.rs:{})",
        line_of("fn writes_ghost")
    );
    assert!(text.contains(&site), "{text}");
    assert!(
        text.contains("output `ghost.children`, but no component in the layout has the id `ghost`"),
        "{text}"
    );
}

#[test]
fn an_id_used_twice_in_the_layout_is_refused() {
    let result = App::new("dup")
        .layout(|| html::div((html::div("one").id(B), html::div("two").id(B))))
        .callbacks([])
        .build();
    let (problems, text) = problems(result);
    assert_eq!(
        problems,
        vec![Problem::DuplicateId { id: "b".into() }],
        "{text}"
    );
    assert!(
        text.contains("the id `b` is used by more than one component"),
        "{text}"
    );
}

#[test]
fn an_id_dash_cannot_address_is_refused() {
    const DOTTED: Id<html::Div> = Id::new("my.div");
    let result = App::new("dot")
        .layout(|| html::div(()).id(DOTTED))
        .callbacks([])
        .build();
    let (_, text) = problems(result);
    assert!(text.contains("the id `my.div` cannot be used"), "{text}");
}

#[callback(output = C.children, input = B_AS_BUTTON.n_clicks)]
fn clicks_a_div(_: Option<u64>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn an_id_declared_as_another_component_is_refused() {
    let (problems, text) = problems(build(callbacks![clicks_a_div]));
    assert_eq!(problems.len(), 1, "{text}");
    let site = format!(
        "`clicks_a_div` (tests/graph.rs:{})",
        line_of("fn clicks_a_div")
    );
    assert!(text.contains(&site), "{text}");
    assert!(
        text.contains("input `b.n_clicks` on a html.Button, but the component with that id in the layout is a html.Div"),
        "{text}"
    );
}

#[test]
fn a_property_the_component_lacks_is_refused() {
    // A property method exists only for the kinds that have it, so this
    // mistake needs an untyped id built by hand, as a library might.
    use ferrodash::__private::{CallbackDef, Options, Site};
    let site = Site {
        name: "reads_colour",
        file: file!(),
        line: line!(),
    };
    let colour: ferrodash::Prop<String> = STORE.prop("colour");
    let options = Options {
        clientside: Some("(colour) => colour"),
        ..Options::default()
    };
    let def = CallbackDef::clientside(
        site,
        options,
        vec![C.children().spec],
        vec![colour.spec],
        vec![],
    );
    let (problems, text) = problems(build([def]));
    assert_eq!(problems.len(), 1, "{text}");
    assert!(
        text.contains("input `store.colour`, but a dcc.Store has no property `colour`"),
        "{text}"
    );
    assert!(
        text.contains(&format!("`reads_colour` (tests/graph.rs:{})", site.line)),
        "{text}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let (problems, _) = problems(build(callbacks![
        writes_b,
        also_writes_b,
        writes_ghost,
        b_to_c,
        c_to_b
    ]));
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn callbacks_are_listed_in_a_deterministic_order() {
    let first = build(callbacks![c_to_d, writes_b]).unwrap();
    let second = build(callbacks![writes_b, c_to_d]).unwrap();
    let keys = |app: &ferrodash::BuiltApp| {
        app.graph()
            .iter()
            .map(|(k, _)| k.to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&first), keys(&second));
    assert_eq!(keys(&first), ["b.children", "d.children"]);
}

/// The line of this file on which `needle` first appears.
fn line_of(needle: &str) -> usize {
    include_str!("graph.rs")
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle is in this file")
}

#[test]
fn a_validation_layout_covers_ids_that_arrive_later() {
    let result = App::new("pages")
        .layout(layout)
        .validation_layout(|| html::div((layout(), html::div(()).id(GHOST))))
        .callbacks(callbacks![writes_ghost])
        .build();
    assert!(result.is_ok(), "{:?}", result.err().map(|e| e.to_string()));
}
