//! # ferrodash
//!
//! Plotly Dash's callback-and-store model for Rust, typed. A dashboard is a
//! layout of components plus callbacks that turn component properties
//! (inputs, state) into new property values (outputs); `dcc::Store`
//! components keep JSON data in the browser. The compiler checks what Dash
//! finds only in the browser: ids, properties, value types, store data that
//! is not JSON.
//!
//! ```no_run
//! use ferrodash::prelude::*;
//!
//! const BUTTON: Id<html::Button> = Id::new("button");
//! const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");
//!
//! #[callback(output = CLICKS.data, input = BUTTON.n_clicks)]
//! fn count(n: Option<u64>) -> Update<u64> {
//!     n.map_or(Update::NoChange, Update::Set)
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), ferrodash::Error> {
//!     App::new("Counter")
//!         .layout(|| html::div((html::button("Click").id(BUTTON), dcc::store(CLICKS))))
//!         .serve("127.0.0.1:8050")
//!         .await
//! }
//! ```

pub use ferrodash_macros::callback;
pub use ferrodash_runtime::*;

/// Everything a dashboard module needs: `use ferrodash::prelude::*;`.
pub mod prelude {
    pub use ferrodash_macros::callback;
    pub use ferrodash_runtime::prelude::*;
}

/// The callbacks named, for [`App::callbacks`]: an explicit registration
/// path for tests and libraries, instead of every linked `#[callback]`.
///
/// ```ignore
/// App::new("t").layout(layout).callbacks(ferrodash::callbacks![login, remember_option])
/// ```
#[macro_export]
macro_rules! callbacks {
    ($($callback:path),* $(,)?) => {
        [$(<$callback as $crate::__private::Callback>::definition()),*]
    };
}

/// The README's example is compiled with the doctests, so it cannot drift.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
