//! An `async fn` callback: awaits inside, returns once.
use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const USER_ID: Id<dcc::Store<u64>> = Id::new("user_id");

async fn lookup_user() -> u64 {
    1815
}

#[callback(output = USER_ID.data, input = LOGIN.n_clicks)]
async fn login(n_clicks: Option<u64>) -> Update<u64> {
    match n_clicks {
        Some(_) => Update::Set(lookup_user().await),
        None => Update::NoChange,
    }
}

fn main() {
    let app = App::new("async")
        .layout(|| html::div((html::button("Log in").id(LOGIN), dcc::store(USER_ID))))
        .callbacks(ferrodash::callbacks![login]);
    app.build().expect("the app is valid");
}
