//! `gloss serve`: builds the site in memory, serves it over HTTP on this
//! machine, watches the sources and rebuilds on a change, and tells open
//! pages to reload. A failed rebuild keeps the last good site up and shows
//! the error in the terminal and over the open pages.

mod http;
mod live;
mod resolve;
pub mod session;
mod site;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::RenderOptions;
use crate::config::Config;
use crate::diagnostics::Diagnostics;

pub use http::content_type;
pub use live::Event;
pub use resolve::{Target, resolve};
pub use watch::{Change, classify};

use session::{Rebuilt, Session};
use site::Snapshot;

/// What `gloss serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("port {port} on {bind} is already in use; pass --port with another number")]
    PortInUse { bind: IpAddr, port: u16 },
    #[error("cannot listen on {bind} port {port}: {source}")]
    Listen {
        bind: IpAddr,
        port: u16,
        source: std::io::Error,
    },
    #[error("cannot watch the site's files: {0}")]
    Watch(#[from] notify::Error),
}

/// Whether the last build succeeded, and which build the site is.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Counts successful builds; pages carry it to notice a missed reload.
    pub generation: u64,
    /// The last build's errors, if it failed.
    pub error: Option<String>,
}

/// What the request handlers and the rebuild loop share.
pub struct Shared {
    site: RwLock<Arc<Snapshot>>,
    status: RwLock<Status>,
    clients: live::Clients,
    /// The path the site is served under, from `base_url` (`/` or `/history/`).
    base_path: String,
    /// The address listened on, which `Host` may name.
    bound: IpAddr,
}

impl Shared {
    fn site(&self) -> Arc<Snapshot> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// What happened in one build, for the terminal.
#[derive(Debug)]
pub enum BuildOutcome {
    Built {
        generation: u64,
        elapsed: Duration,
        warnings: Diagnostics,
    },
    Failed(Diagnostics),
}

/// A running server. Dropping it does not stop it; call [`Server::stop`].
pub struct Server {
    pub url: String,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    /// The site in memory with what it was rendered from, for rebuilds.
    session: Mutex<Session>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
    /// Set up before the first build, so no change after it is missed.
    watch: watch::Watch,
}

/// Requests answered at once, each on a thread of its own so that a client
/// that reads slowly holds up only itself; past this a request gets 503.
const MAX_REQUESTS: usize = 128;

impl Server {
    /// Binds the port, builds the site once and starts answering requests.
    pub fn start(options: &ServeOptions) -> Result<(Server, BuildOutcome), ServeError> {
        let listener = TcpListener::bind((options.bind, options.port)).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse {
                    bind: options.bind,
                    port: options.port,
                }
            } else {
                ServeError::Listen {
                    bind: options.bind,
                    port: options.port,
                    source,
                }
            }
        })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Listen {
            bind: options.bind,
            port: options.port,
            source,
        })?;
        // A response goes out as a head and then a body; with Nagle's
        // algorithm on, the body of every request after the first on a
        // kept-alive connection waits for the browser's delayed ACK, some
        // 40 ms. Accepted connections take the option from the listener.
        // Where it cannot be set, pages are only slower.
        let _ = rustix::net::sockopt::set_tcp_nodelay(&listener, true);
        // The watcher reports absolute paths; the root they are compared
        // with must be absolute too.
        let root = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
        // Links follow the local address, under the path base_url gives.
        let base_path = Config::load(&root)
            .map(|c| c.base_url.path().to_string())
            .unwrap_or_else(|_| "/".to_string());
        let host = match addr.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        let url = format!("http://{host}:{}{base_path}", addr.port());
        let render_options = RenderOptions {
            root: root.clone(),
            base_url: Some(url.clone()),
            drafts: options.drafts,
            // Pages served while writing are never minified.
            minify: Some(false),
        };
        let shared = Arc::new(Shared {
            site: RwLock::new(Arc::new(Snapshot::default())),
            status: RwLock::new(Status::default()),
            clients: live::Clients::default(),
            base_path,
            bound: addr.ip(),
        });
        let mut server = Server {
            url,
            addr,
            shared,
            watch: watch::watch(&root)?,
            session: Mutex::new(Session::new(render_options)),
            stop: Arc::new(AtomicBool::new(false)),
            accept: None,
        };
        let outcome = server.rebuild(Change::Site);
        let http = Arc::new(
            tiny_http::Server::from_listener(listener, None).map_err(|e| ServeError::Listen {
                bind: options.bind,
                port: addr.port(),
                source: std::io::Error::other(e.to_string()),
            })?,
        );
        let (shared, stop) = (server.shared.clone(), server.stop.clone());
        server.accept = Some(std::thread::spawn(move || accept(&http, &shared, &stop)));
        Ok((server, outcome))
    }

    /// Builds the site again and tells open pages; on failure the last good
    /// site stays up and the pages show the errors.
    pub fn rebuild(&self, change: Change) -> BuildOutcome {
        self.rebuild_after(change, None)
    }

    /// Builds the site again after the files `changed` (paths under the
    /// root; all of them, if `None`) and tells open pages.
    fn rebuild_after(&self, change: Change, changed: Option<&[PathBuf]>) -> BuildOutcome {
        let started = Instant::now();
        let rebuilt = (self.session.lock())
            .unwrap_or_else(|e| e.into_inner())
            .rebuild(changed);
        let (snapshot, warnings) = match rebuilt {
            Ok(Rebuilt::Whole(mut site)) => {
                let warnings = std::mem::take(&mut site.warnings);
                (Snapshot::new(site, &self.shared.site()), warnings)
            }
            Ok(Rebuilt::Changed { files, warnings }) => {
                (self.shared.site().with_files(files), warnings)
            }
            Err(diagnostics) => {
                let text = diagnostics.to_string();
                self.shared
                    .status
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .error = Some(text.clone());
                self.shared.clients.broadcast(&Event::BuildError(text));
                return BuildOutcome::Failed(diagnostics);
            }
        };
        let snapshot = Arc::new(snapshot);
        let earlier = std::mem::replace(
            &mut *self.shared.site.write().unwrap_or_else(|e| e.into_inner()),
            snapshot.clone(),
        );
        let generation = {
            let mut status = self
                .shared
                .status
                .write()
                .unwrap_or_else(|e| e.into_inner());
            status.generation += 1;
            status.error = None;
            status.generation
        };
        self.shared.clients.broadcast(&match change {
            Change::Styles => Event::Css(snapshot.renamed_since(&earlier, &self.shared.base_path)),
            Change::Site => Event::Reload,
        });
        BuildOutcome::Built {
            generation,
            elapsed: started.elapsed(),
            warnings,
        }
    }

    /// Watches the sources, rebuilding on each change and passing every
    /// outcome to `report`, until [`Server::stop`] is called from another
    /// thread (or a Ctrl-C handler).
    pub fn watch(&self, mut report: impl FnMut(BuildOutcome)) {
        while !self.stop.load(Ordering::Relaxed) {
            let Some(paths) = self.watch.next_change(Duration::from_millis(100)) else {
                continue;
            };
            let root = &self.watch.root;
            if paths.contains(root) {
                // Events were lost: what changed is not known.
                report(self.rebuild_after(Change::Site, None));
            } else if let Some(change) = classify(root, &paths) {
                let changed = watch::relevant(root, &paths);
                report(self.rebuild_after(change, Some(&changed)));
            }
        }
    }

    /// A handle that stops the server from another thread.
    pub fn stopper(&self) -> impl Fn() + Send + Sync + 'static {
        let stop = self.stop.clone();
        move || stop.store(true, Ordering::Relaxed)
    }

    /// Stops taking requests. Requests under way are not waited for: a
    /// client that stopped reading must not keep the server from stopping.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Takes requests until told to stop, answering each on its own thread.
fn accept(http: &tiny_http::Server, shared: &Arc<Shared>, stop: &AtomicBool) {
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    while !stop.load(Ordering::Relaxed) {
        let request = match http.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(_) => break,
        };
        if busy.fetch_add(1, Ordering::SeqCst) >= MAX_REQUESTS {
            busy.fetch_sub(1, Ordering::SeqCst);
            http::busy(request);
            continue;
        }
        let (shared, done) = (shared.clone(), busy.clone());
        // If no thread can be had, the request is dropped and its
        // connection closed; the server goes on.
        let spawned = std::thread::Builder::new()
            .name("gloss-request".into())
            .spawn(move || {
                http::handle(request, &shared);
                done.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            busy.fetch_sub(1, Ordering::SeqCst);
        }
    }
}
