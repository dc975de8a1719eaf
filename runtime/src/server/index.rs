//! The index page, laid out like Dash's so the client boots the same way.

use std::io::Write;
use std::sync::OnceLock;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
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

/// The index page: its head is written for each request (title, config,
/// layout, dependencies); its tail, the client and the closing tags, is the
/// same for every page.
pub struct Page {
    head: String,
}

pub fn page(title: &str, config: &Config, clientside: bool, boot: Boot<'_>) -> Page {
    let head = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title></head><body>\n\
<div id=\"react-entry-point\"><div class=\"_dash-loading\">Loading...</div></div>\n\
<footer><script id=\"_dash-config\" type=\"application/json\">{config_json}</script>\n\
<script id=\"_ferrodash-boot\" type=\"application/json\">{{\"layout\":{layout},\"dependencies\":{dependencies}}}</script>\n\
{clientside}<script type=\"module\" id=\"_ferrodash-client\" data-base=\"{prefix}_ferrodash/client/\">",
        title = html_text(title),
        config_json = script_safe(&config_json(config)),
        layout = script_safe(boot.layout),
        dependencies = script_safe_text(boot.dependencies),
        // The client, in the tail, is inside the page: no module to fetch
        // before it starts. Its other modules come from `data-base`.
        prefix = html_text(&config.prefix),
        // A classic script runs before the (deferred) client module.
        clientside = if clientside {
            format!("<script src=\"{}_ferrodash/clientside.js\"></script>\n", html_text(&config.prefix))
        } else {
            String::new()
        },
    );
    Page { head }
}

/// The end of every page: the client, then the closing tags.
fn tail() -> &'static str {
    static TAIL: OnceLock<String> = OnceLock::new();
    TAIL.get_or_init(|| {
        format!(
            "{}</script></footer></body></html>\n",
            super::assets::bundle()
        )
    })
}

/// The tail as the last deflate blocks of a stream, compressed once, with
/// its CRC-32.
fn deflated_tail() -> &'static (Vec<u8>, Crc) {
    static DEFLATED: OnceLock<(Vec<u8>, Crc)> = OnceLock::new();
    DEFLATED.get_or_init(|| {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder
            .write_all(tail().as_bytes())
            .expect("writing to memory succeeds");
        let mut crc = Crc::new();
        crc.update(tail().as_bytes());
        (encoder.finish().expect("writing to memory succeeds"), crc)
    })
}

impl Page {
    pub fn text(self) -> String {
        self.head + tail()
    }

    /// The page gzipped, compressing only its head per request: 5 kB of a
    /// 43 kB page, the rest (the client) was compressed once. The head's
    /// blocks end with a sync flush, byte-aligned and not final, so the
    /// tail's blocks follow as they are; the CRC of the whole is the head's
    /// combined with the tail's.
    pub fn gzip(&self) -> Vec<u8> {
        let (deflated, tail_crc) = deflated_tail();
        // Magic, deflate, no flags, no time, no extra flags, unknown system.
        let header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        let mut encoder = DeflateEncoder::new(header.to_vec(), Compression::default());
        encoder
            .write_all(self.head.as_bytes())
            .and_then(|()| encoder.flush())
            .expect("writing to memory succeeds");
        // Taken before the encoder is dropped, which would end the stream.
        let mut out = std::mem::take(encoder.get_mut());
        out.extend_from_slice(deflated);
        let mut crc = Crc::new();
        crc.update(self.head.as_bytes());
        crc.combine(tail_crc);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Page {
        let config = Config::default();
        let layout = json!({"props": {"children": "</script><b>x</b>"}, "type": "Div"});
        page(
            "t",
            &config,
            false,
            Boot {
                layout: &layout,
                dependencies: "[]",
            },
        )
    }

    #[test]
    fn the_gzipped_page_is_the_page() {
        use std::io::Read;
        let gzipped = sample().gzip();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gzipped[..])
            .read_to_string(&mut text)
            .expect("a valid gzip stream, CRC and length included");
        assert_eq!(text, sample().text());
        assert!(
            gzipped.len() < text.len() / 2,
            "{} of {}",
            gzipped.len(),
            text.len()
        );
    }

    #[test]
    fn config_cannot_close_its_script_tag() {
        let escaped = script_safe(&json!({"t": "</script><script>alert(1)</script>"}));
        assert!(!escaped.contains("</script"), "{escaped}");
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script>");
    }
}
