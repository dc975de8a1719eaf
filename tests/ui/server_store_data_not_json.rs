use ferrodash::prelude::*;

// Not serde: cannot be kept by a server-side store.
struct Model {
    weights: Vec<f64>,
}

const MODEL: Id<dcc::ServerStore<Model>> = Id::new("model");
const TRAIN: Id<html::Button> = Id::new("train");

#[callback(output = MODEL.data, input = TRAIN.n_clicks)]
fn train(_clicks: Option<u64>) -> Update<dcc::Shared<Model>> {
    Update::set(Model { weights: vec![0.5] })
}

fn main() {
    let _ = dcc::server_store(MODEL);
}
