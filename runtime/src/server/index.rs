//! The index page, laid out like Dash's so the client boots the same way.

use serde_json::{json, Value};

use super::Config;

/// Escapes what could end or confuse a `<script>` element, as Dash's encoder does.
fn script_safe(json: &Value) -> String {
    script_safe_text(&json.to_string())
}

/// [`script_safe`] for JSON already written out.
fn script_safe_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '/' => out.push_str("\\u002f"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `_dash-config` object the client reads on boot.
pub fn config_json(config: &Config) -> Value {
    json!({
        "url_base_pathname": null,
        "requests_pathname_prefix": config.prefix,
        "ui": config.debug,
        "props_check": false,
        "suppress_callback_exceptions": false,
        "update_title": "Updating...",
        "ferrodash": {"store_prefix": config.store_key_prefix()},
    })
}

/// What the page needs to boot, known when it is served: the layout and the
/// dependencies travel inside the page, which saves the client a round trip
/// (`_dash-layout` and `_dash-dependencies` still answer, as in Dash).
pub struct Boot<'a> {
    pub layout: &'a Value,
    pub dependencies: &'a str,
}

pub fn page(title: &str, config: &Config, clientside: bool, boot: Boot<'_>) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title></head><body>\n\
<div id=\"react-entry-point\"><div class=\"_dash-loading\">Loading...</div></div>\n\
<footer><script id=\"_dash-config\" type=\"application/json\">{config_json}</script>\n\
<script id=\"_ferrodash-boot\" type=\"application/json\">{{\"layout\":{layout},\"dependencies\":{dependencies}}}</script>\n\
{clientside}<script type=\"module\" id=\"_ferrodash-client\" data-base=\"{prefix}_ferrodash/client/\">{client}</script></footer></body></html>\n",
        title = html_text(title),
        config_json = script_safe(&config_json(config)),
        layout = script_safe(boot.layout),
        dependencies = script_safe_text(boot.dependencies),
        prefix = html_text(&config.prefix),
        // The client inside the page: no module to fetch before it starts.
        // Its other modules are fetched from `data-base` when needed.
        client = super::assets::bundle(),
        // A classic script runs before the (deferred) client module.
        clientside = if clientside {
            format!("<script src=\"{}_ferrodash/clientside.js\"></script>\n", html_text(&config.prefix))
        } else {
            String::new()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_cannot_close_its_script_tag() {
        let escaped = script_safe(&json!({"t": "</script><script>alert(1)</script>"}));
        assert!(!escaped.contains("</script"), "{escaped}");
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script>");
    }
}
