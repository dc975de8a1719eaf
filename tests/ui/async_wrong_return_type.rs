use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const USER_ID: Id<dcc::Store<u64>> = Id::new("user_id");

async fn lookup() -> Option<u64> {
    Some(1815)
}

#[callback(output = USER_ID.data, input = LOGIN.n_clicks)]
async fn login(_clicks: Option<u64>) -> Option<u64> {
    lookup().await
}

fn main() {}
