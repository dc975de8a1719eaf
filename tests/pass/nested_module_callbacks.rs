//! Callbacks in nested modules, registered explicitly through
//! `callbacks![path::name, ..]`.
use ferrodash::prelude::*;

mod ids {
    use ferrodash::prelude::*;
    pub const GO: Id<html::Button> = Id::new("go");
    pub const OUT: Id<html::Div> = Id::new("out");
    pub const COUNT: Id<dcc::Store<u64>> = Id::new("count");
}

mod callbacks {
    use super::ids::{COUNT, GO, OUT};
    use ferrodash::prelude::*;

    #[callback(output = COUNT.data, input = GO.n_clicks)]
    pub fn count(clicks: Option<u64>) -> Update<u64> {
        clicks.map_or(Update::NoChange, Update::Set)
    }

    pub mod text {
        use crate::ids;
        use ferrodash::prelude::*;

        #[callback(output = ids::OUT.children, input = ids::COUNT.data)]
        pub(crate) fn show(count: Option<u64>) -> Update<Children> {
            Update::set(format!("{} clicks", count.unwrap_or(0)))
        }
    }

    // The same name as a callback elsewhere is fine in another module.
    #[callback(output = OUT.title, input = GO.n_clicks)]
    pub fn show(clicks: Option<u64>) -> Update<String> {
        Update::set(format!("{clicks:?}"))
    }
}

fn main() {
    // The functions are still plain functions.
    assert!(matches!(callbacks::count(Some(2)), Update::Set(2)));
    App::new("nested")
        .layout(|| {
            html::div((
                html::button("Go").id(ids::GO),
                html::div(()).id(ids::OUT),
                dcc::store(ids::COUNT),
            ))
        })
        .callbacks(ferrodash::callbacks![
            callbacks::count,
            callbacks::text::show,
            callbacks::show,
        ])
        .build()
        .expect("the app is valid");
}
