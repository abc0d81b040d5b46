//! Answers one HTTP request: checks the Host, resolves the path among the
//! site's files, and sends the file with its type and validators, the
//! site's 404 page, or the live-reload event stream.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::SystemTime;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::Shared;
use super::live::{self, EVENTS_PATH};
use super::resolve::{Target, resolve};
use super::site::Body;

pub fn handle(request: Request, shared: &Arc<Shared>) {
    if !host_allowed(header(&request, "Host"), shared.bound) {
        return send_text(request, 403, "gloss serve: this Host is not allowed\n");
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = text_response(405, "gloss serve: only GET and HEAD are answered\n")
            .with_header(header_line("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let path = request.url().split('?').next().unwrap_or_default();
    if path == EVENTS_PATH {
        if *request.method() != Method::Get {
            return send_text(request, 405, "gloss serve: the event stream takes GET\n");
        }
        return open_event_stream(request, shared);
    }
    let site = shared.site();
    let status = shared.status();
    let target = resolve(request.url(), &shared.base_path, |p| site.exists(p));
    match target {
        Target::File(path) => match site.read(&path) {
            Some(body) => send_file(request, 200, &path, body, status.generation),
            None => send_not_found(request, shared, status.generation),
        },
        Target::Redirect(location) => {
            let response = Response::empty(StatusCode(302))
                .with_header(header_line("Location", &location))
                .with_header(header_line("Cache-Control", "no-cache"));
            let _ = request.respond(response);
        }
        Target::NotFound => send_not_found(request, shared, status.generation),
        Target::BadRequest => send_text(request, 400, "gloss serve: bad request path\n"),
    }
}

/// The Host must name this server: `localhost`, a loopback address, or the
/// address it listens on (any IP address if it listens on all of them). A
/// DNS name pointing here (DNS rebinding) must not let another site read ours.
fn host_allowed(host: Option<&str>, bound: IpAddr) -> bool {
    let Some(host) = host else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

fn open_event_stream(request: Request, shared: &Arc<Shared>) {
    if shared.clients.count() >= MAX_STREAMS {
        return send_text(request, 503, "gloss serve: too many open pages\n");
    }
    // Subscribe before reading the status, so no rebuild falls in between.
    let events = shared.clients.subscribe();
    let status = shared.status();
    let writer = request.into_writer();
    // Without a thread the writer is dropped, which closes the connection;
    // the page's EventSource tries again by itself.
    let _ = std::thread::Builder::new()
        .name("gloss-events".into())
        .spawn(move || live::stream(writer, events, status.generation, status.error));
}

/// Open pages (event streams) served at once.
const MAX_STREAMS: usize = 64;

/// The answer when every request thread is taken.
pub fn busy(request: Request) {
    let response = text_response(503, "gloss serve: busy, try again\n")
        .with_header(header_line("Retry-After", "1"));
    let _ = request.respond(response);
}

fn send_not_found(request: Request, shared: &Arc<Shared>, generation: u64) {
    let site = shared.site();
    match site.read("404.html") {
        Some(body) => send_file(request, 404, "404.html", body, generation),
        None if shared.status().error.is_some() => {
            // The first build failed: a page that shows the error and
            // reloads when it is fixed.
            let page = Body {
                bytes: Arc::from(&b"<!DOCTYPE html><title>gloss</title><body></body>"[..]),
                etag: String::new(),
                modified: None,
            };
            send_file(request, 503, "error.html", page, generation);
        }
        None => send_text(request, 404, "gloss serve: not found\n"),
    }
}

fn send_file(request: Request, status: u16, path: &str, body: Body, generation: u64) {
    let kind = content_type(path);
    let is_html = kind.starts_with("text/html");
    // Pages carry the live-reload script of this generation, so their
    // validator changes with it.
    let etag = if is_html {
        format!("{}-{generation}\"", body.etag.trim_end_matches('"'))
    } else {
        body.etag.clone()
    };
    if status == 200 && is_fresh(&request, &etag, body.modified) {
        let response = Response::empty(StatusCode(304)).with_header(header_line("ETag", &etag));
        let _ = request.respond(response);
        return;
    }
    let bytes = if is_html {
        live::inject(&body.bytes, generation)
    } else {
        body.bytes.to_vec()
    };
    let mut response = Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header_line("Content-Type", &kind))
        .with_header(header_line("Cache-Control", "no-cache"))
        .with_header(header_line("X-Content-Type-Options", "nosniff"));
    if !body.etag.is_empty() {
        response = response.with_header(header_line("ETag", &etag));
    }
    if let Some(modified) = body.modified {
        response = response.with_header(header_line(
            "Last-Modified",
            &httpdate::fmt_http_date(modified),
        ));
    }
    let _ = request.respond(response);
}

/// Whether the browser's copy is current (`If-None-Match` first, as HTTP says).
fn is_fresh(request: &Request, etag: &str, modified: Option<SystemTime>) -> bool {
    if let Some(tags) = header(request, "If-None-Match") {
        return tags.split(',').any(|t| t.trim() == etag || t.trim() == "*");
    }
    let since =
        header(request, "If-Modified-Since").and_then(|d| httpdate::parse_http_date(d).ok());
    match (modified, since) {
        // HTTP dates have whole seconds: fresh if not changed after that second.
        (Some(modified), Some(since)) => modified
            .duration_since(since)
            .map_or(true, |newer| newer.as_secs() == 0),
        _ => false,
    }
}

/// The media type of a file, by its extension.
pub fn content_type(path: &str) -> String {
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    match guess.type_() {
        mime_guess::mime::TEXT => format!("{guess}; charset=utf-8"),
        _ if guess.subtype() == "json" || guess.subtype() == "javascript" => {
            format!("{guess}; charset=utf-8")
        }
        _ => guess.to_string(),
    }
}

fn header<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

fn header_line(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(text)
        .with_status_code(status)
        .with_header(header_line("Content-Type", "text/plain; charset=utf-8"))
}

fn send_text(request: Request, status: u16, text: &str) {
    let _ = request.respond(text_response(status, text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_naming_this_server() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST",
            "127.0.0.2",
        ] {
            assert!(host_allowed(Some(host), loopback), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost.evil.example",
            "",
            "8.8.8.8",
            "10.0.0.5:80",
        ] {
            assert!(!host_allowed(Some(host), loopback), "{host}");
        }
        assert!(!host_allowed(None, loopback));
        // Listening on every address, any of them may be named.
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(Some("10.0.0.5:1111"), all));
        assert!(!host_allowed(Some("evil.example"), all));
        let lan: IpAddr = "10.0.0.5".parse().unwrap();
        assert!(host_allowed(Some("10.0.0.5:1111"), lan));
    }

    #[test]
    fn media_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("gloss.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("x.png"), "image/png");
        assert_eq!(content_type("x.jpg"), "image/jpeg");
        assert_eq!(content_type("x.webp"), "image/webp");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(
            content_type("glossary.json"),
            "application/json; charset=utf-8"
        );
        assert!(content_type("x.js").contains("javascript"));
    }
}
