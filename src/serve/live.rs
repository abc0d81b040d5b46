//! Live reload: the script injected into pages in serve mode, and the
//! Server-Sent Events stream that tells open pages what happened.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

const SCRIPT: &str = include_str!("live.js");

/// The path of the event stream; outside any site path gloss writes.
pub const EVENTS_PATH: &str = "/__gloss/events";

/// What a rebuild tells the open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Content or templates changed: reload the page.
    Reload,
    /// Only stylesheets changed: reload those, the renamed ones (old URL
    /// to new, as their fingerprints changed) under their new names.
    Css(BTreeMap<String, String>),
    /// The build failed; the text says why.
    BuildError(String),
    /// Nothing happened; sent to find pages that went away.
    Ping,
}

impl Event {
    fn encode(&self) -> String {
        match self {
            Event::Ping => ":\n\n".to_string(),
            Event::Reload => "event: reload\ndata: {}\n\n".to_string(),
            Event::Css(renamed) => format!("event: css\ndata: {}\n\n", json(renamed)),
            Event::BuildError(text) => format!("event: build-error\ndata: {}\n\n", json(text)),
        }
    }
}

/// The open event streams.
#[derive(Default)]
pub struct Clients {
    senders: Mutex<Vec<Sender<Event>>>,
}

impl Clients {
    /// Sends `event` to every open page, forgetting pages that went away.
    pub fn broadcast(&self, event: &Event) {
        let mut senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
        senders.retain(|s| s.send(event.clone()).is_ok());
    }

    /// How many pages are listening.
    pub fn count(&self) -> usize {
        self.broadcast(&Event::Ping);
        self.senders.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }
}

/// Streams events to one page until it goes away. `hello` tells the page the
/// current build generation and error, so a page loaded just before a
/// rebuild still catches up.
pub fn stream(
    mut out: Box<dyn Write + Send>,
    events: Receiver<Event>,
    generation: u64,
    error: Option<String>,
) {
    let hello = format!(
        "event: hello\ndata: {{\"generation\":{generation},\"error\":{}}}\n\n",
        json(&error)
    );
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-cache\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err()
        || out.write_all(hello.as_bytes()).is_err()
        || out.flush().is_err()
    {
        return;
    }
    loop {
        let message = match events.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event.encode(),
            // A comment keeps the connection open and finds closed ones.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ":\n\n".to_string(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(message.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

/// Puts the live-reload script into an HTML page, before `</body>`.
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!(
        "<script>{}</script>",
        SCRIPT.replace("__GLOSS_GENERATION__", &generation.to_string())
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A value as JSON, on one line (SSE data ends at a newline).
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_closes() {
        let page = inject(b"<html><body><p>x</p></body></html>", 7);
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body><p>x</p><script>"));
        assert!(page.ends_with("</script></body></html>"));
        assert!(page.contains("const generation = 7;"));
    }

    #[test]
    fn events_are_one_line_of_json_each() {
        let encoded = Event::BuildError("a\"b\n<c>".into()).encode();
        assert_eq!(encoded, "event: build-error\ndata: \"a\\\"b\\n<c>\"\n\n");
        let renamed = BTreeMap::from([("/a.1.css".to_string(), "/a.2.css".to_string())]);
        assert_eq!(
            Event::Css(renamed).encode(),
            "event: css\ndata: {\"/a.1.css\":\"/a.2.css\"}\n\n"
        );
    }
}
