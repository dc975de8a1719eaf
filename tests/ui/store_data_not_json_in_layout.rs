// The same mistake in a whole app: the declaration and the layout's use of
// the store are the two places a store type is checked (callbacks are not).
use ferrodash::prelude::*;

struct Filters {
    year: u16,
}

const APPLY: Id<html::Button> = Id::new("apply");
const FILTERS: Id<dcc::Store<Filters>> = Id::new("filters");

#[callback(output = FILTERS.data, input = APPLY.n_clicks, state = FILTERS.data)]
fn apply(_clicks: Option<u64>, filters: Option<Filters>) -> Update<Filters> {
    let year = filters.map_or(2024, |f| f.year + 1);
    Update::Set(Filters { year })
}

fn main() {
    App::new("filters")
        .layout(|| html::div((html::button("Apply").id(APPLY), dcc::store(FILTERS))))
        .callbacks(ferrodash::callbacks![apply])
        .build()
        .unwrap();
}
