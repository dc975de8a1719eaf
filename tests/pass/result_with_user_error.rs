//! `Result<_, E>` with the user's own error type (logged by the server, not
//! sent to the browser), sync and async.
use std::fmt;

use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::Div> = Id::new("out");
const TOTAL: Id<dcc::Store<u64>> = Id::new("total");

#[derive(Debug)]
struct DbError(String);

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "database: {}", self.0)
    }
}

#[callback(output = OUT.children, input = GO.n_clicks)]
fn load(clicks: Option<u64>) -> Result<Update<Children>, DbError> {
    match clicks {
        Some(n) if n > 3 => Err(DbError("too many".into())),
        other => Ok(Update::set(other.unwrap_or(0))),
    }
}

#[callback(output = [TOTAL.data, OUT.title], input = GO.n_clicks)]
async fn total(clicks: Option<u64>) -> Result<(Update<u64>, Update<String>), std::io::Error> {
    let n = clicks.ok_or_else(|| std::io::Error::other("no clicks yet"))?;
    Ok((Update::Set(n), Update::NoChange))
}

fn main() {
    let _ = ferrodash::callbacks![load, total];
}
