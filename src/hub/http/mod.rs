//! The hub's HTTP API, on axum over hyper and tokio.
//!
//! | method and path | signed | answer |
//! |---|---|---|
//! | `GET /v1/hub` | no | `{"id","key"}`: the hub's id and public key |
//! | `GET /v1/verify/{code}` | no | the status of exactly that document code (`sync::verdict::HubVerdict`); [`VERIFY_PER_MINUTE`] a minute per address, else 429 |
//! | `GET /v1/stats` | no: from the hub's own machine only (403 `local-only`) | per district: events held, last sequence, last contact (as `stats --json`) |
//! | `POST /v1/admin` | no: from the hub's own machine only (403 `local-only`), with `Authorization: Bearer` and the token of `admin.json` (401 `not-administrator`) | runs an administrator's act (`hub::admin::Request`: `{"lang","act"}`); answers `{"stdout","stderr","exit"}` |
//! | `GET /v1/districts/{code}/receipt` | by `{code}` | the receipt: highest sequence held and its batch hash |
//! | `POST /v1/batches` | by the batch's sender | takes one whole batch; answers the receipt (a re-send answers it too) |
//! | `GET /v1/uploads/{id}` | yes | `{"received"}`: bytes held of the district's resumable upload (`id` = the batch's SHA-256) |
//! | `PUT /v1/uploads/{id}?offset=N` | yes | appends a chunk at `N`; answers `{"received"}` |
//! | `POST /v1/uploads/{id}/commit` | by the batch's sender | takes the finished upload as a batch; answers the receipt |
//! | `GET /v1/districts/{code}/down?after=N` | by `{code}` | bundle of hub-signed batches for the district above `N` |
//! | `GET /v1/districts/{code}/own?after=N` | by `{code}` | bundle of the district's own accepted batches above `N` |
//! | `GET /v1/districts/{code}/set-aside` | by `{code}` | the district's batches set aside: sequences and reason (`sync::SetAside`) |
//!
//! A signed request (`sync::auth`) is checked — the district's enrolled key, a time later than the
//! last the hub took from it, the body's signed hash — before a byte of its body is read, and else
//! refused with 401 (`unsigned-request`, `bad-request-signature`, `stale-request`, `wrong-district`,
//! `replayed-request` with `last`, `body-mismatch`). `/v1/stats` holds every district's counts and
//! last contact, and counting events costs the store a scan: the province reads it on its own
//! machine (`curl http://127.0.0.1:8470/v1/stats`, or `bakhshyar-hub stats` with `serve` stopped);
//! a reverse proxy on the hub's machine must not pass it on. No district needs it.
//!
//! Refusals are `{"error": key, "detail", "received"?, "last"?}` with 400 (batch), 401, 403, 404,
//! 408 (`request-timeout`: a body slower than [`Pace`]), 409 (offset), 413 (`too-large`: past
//! `sync::wire`'s caps or `uploads::Caps`), 429 and 503 (`busy`) with `Retry-After`, or 500.
//!
//! Why this stack: `tiny_http` gave each request one of 4 threads for as long as its client took and
//! read its body whole into memory, so 4 slow clients stopped the hub and 3 large uploads took
//! gigabytes (issue 15, finding 5). Here a connection is a task, not a thread: hyper bounds the
//! headers' time and buffer, [`Limits`] bounds connections, requests in flight, whole batches in
//! memory at once and idle time; tower-http's `RequestBodyLimitLayer` caps every signed route's
//! body, and each route reads its own body against its own cap and the [`Pace`]. The store stays
//! synchronous (redb, the `postgres` client) and is called on tokio's bounded blocking pool.

mod admin;
mod body;
mod connection;
mod handlers;
mod rate;
mod refusal;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

pub use body::Pace;
pub use refusal::HttpError;

use super::admin::{MAX_REQUEST_BYTES, Token};
use super::uploads::Uploads;
use super::{Hub, HubError};
use crate::sync::auth::{self, BODY_HEADER, DISTRICT_HEADER, SIGNATURE_HEADER, Signed, TIME_HEADER};
use crate::sync::wire::MAX_BATCH_BYTES;

/// How many `GET /v1/verify/…` requests one client address may make in a minute.
pub const VERIFY_PER_MINUTE: u32 = 60;

/// What the server allows, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once; more wait in the kernel's backlog. Under the usual 1024 file
    /// descriptors a service gets, with room for the store's.
    pub connections: usize,
    /// Requests being handled at once; more wait up to `queue_wait` for a place, then 503.
    pub in_flight: usize,
    pub queue_wait: Duration,
    /// Batches read and opened whole at once (`POST /v1/batches`, commits): each holds up to
    /// `sync::wire::MAX_BATCH_BYTES` and its events in memory.
    pub whole_batches: usize,
    /// A request's headers must be in within this (hyper's header timeout); it also closes a
    /// kept-alive connection that sends no next request.
    pub header: Duration,
    /// A connection on which no byte has moved either way for this long is closed.
    pub idle: Duration,
    /// How slowly a body may come.
    pub body: Pace,
    /// Threads for the store's calls.
    pub blocking_threads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections: 768,
            in_flight: 64,
            queue_wait: Duration::from_secs(10),
            whole_batches: 2,
            header: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            // 2 KiB/s after 10 s: a 64 KiB chunk on a 16 kbit/s link passes.
            body: Pace { grace: Duration::from_secs(10), bytes_per_second: 2048 },
            blocking_threads: 16,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
struct Served {
    hub: Arc<Hub>,
    uploads: Arc<Uploads>,
    verify_limit: Arc<rate::RateLimit>,
    in_flight: Arc<Semaphore>,
    whole_batches: Arc<Semaphore>,
    limits: Limits,
    /// The administrator's token (`hub::admin`); without it `/v1/admin` is not served.
    admin: Option<Arc<Token>>,
}

/// The address a connection reached this process at, beside axum's `ConnectInfo` of its peer.
#[derive(Debug, Clone, Copy)]
struct LocalAddress(Option<SocketAddr>);

/// The district whose signature `authenticate` checked, and the headers it signed.
#[derive(Debug, Clone)]
struct Signer {
    district: String,
    signed: Signed,
}

/// A bound server; `run` serves until the process ends, or until SIGTERM or SIGINT when
/// [`Listener::stop_on_signals`] says so.
pub struct Listener {
    socket: std::net::TcpListener,
    admin: Option<Token>,
    stop_on_signals: bool,
}

/// How long a stopping server waits for the requests in flight.
const STOP_WAIT: Duration = Duration::from_secs(10);

impl Listener {
    pub fn bind(address: &str) -> Result<Self, HubError> {
        let listener = std::net::TcpListener::bind(address).map_err(|e| HubError::Io(format!("{address}: {e}")))?;
        listener.set_nonblocking(true).map_err(|e| HubError::Io(e.to_string()))?;
        Ok(Self { socket: listener, admin: None, stop_on_signals: false })
    }

    /// Serves `POST /v1/admin` to the holder of `token`, from the hub's own machine.
    #[must_use]
    pub fn with_admin(mut self, token: Token) -> Self {
        self.admin = Some(token);
        self
    }

    /// `run` returns on SIGTERM or SIGINT (Ctrl+C), once the requests in flight are answered (or
    /// after 10 s): a clean stop, after which the caller removes what it published.
    #[must_use]
    pub fn stop_on_signals(mut self) -> Self {
        self.stop_on_signals = true;
        self
    }

    pub fn address(&self) -> Option<SocketAddr> {
        self.socket.local_addr().ok()
    }

    /// Serves `hub`, with its partial uploads in `uploads`, under the default [`Limits`].
    pub fn run(self, hub: &Arc<Hub>, uploads: Arc<Uploads>) -> Result<(), HubError> {
        self.run_with(hub, uploads, Limits::default())
    }

    pub fn run_with(self, hub: &Arc<Hub>, uploads: Arc<Uploads>, limits: Limits) -> Result<(), HubError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .max_blocking_threads(limits.blocking_threads)
            .thread_name("bakhshyar-hub")
            .build()
            .map_err(|e| HubError::Io(e.to_string()))?;
        let served = Served {
            hub: Arc::clone(hub),
            uploads,
            verify_limit: Arc::new(rate::RateLimit::new(VERIFY_PER_MINUTE)),
            in_flight: Arc::new(Semaphore::new(limits.in_flight)),
            whole_batches: Arc::new(Semaphore::new(limits.whole_batches)),
            limits,
            admin: self.admin.map(Arc::new),
        };
        let in_flight = Arc::clone(&served.in_flight);
        let stop_on_signals = self.stop_on_signals;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.socket).map_err(|e| HubError::Io(e.to_string()))?;
            let accepting = tokio::spawn(connection::serve(listener, router(served), limits));
            if stop_on_signals {
                stopped().await?;
            } else {
                std::future::pending::<()>().await;
            }
            accepting.abort();
            tracing::info!("stopping: no new connections; waiting for the requests in flight");
            let all = u32::try_from(limits.in_flight).unwrap_or(u32::MAX);
            let _ = tokio::time::timeout(STOP_WAIT, in_flight.acquire_many(all)).await;
            Ok(())
        })
        // Dropping the runtime waits for the store calls already running on its blocking pool.
    }
}

/// When SIGTERM (systemd's stop) or SIGINT (Ctrl+C) comes.
async fn stopped() -> Result<(), HubError> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).map_err(|e| HubError::Io(e.to_string()))?;
        let mut interrupt = signal(SignalKind::interrupt()).map_err(|e| HubError::Io(e.to_string()))?;
        std::future::poll_fn(|cx| {
            if term.poll_recv(cx).is_ready() || interrupt.poll_recv(cx).is_ready() {
                std::task::Poll::Ready(())
            } else {
                std::task::Poll::Pending
            }
        })
        .await;
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(|e| HubError::Io(e.to_string()))
    }
}

fn router(served: Served) -> Router {
    let signed = Router::new()
        .route("/v1/batches", post(handlers::batch))
        .route("/v1/uploads/{id}", get(handlers::upload_progress).put(handlers::upload_chunk))
        .route("/v1/uploads/{id}/commit", post(handlers::commit))
        .route("/v1/districts/{code}/receipt", get(handlers::receipt))
        .route("/v1/districts/{code}/down", get(handlers::down))
        .route("/v1/districts/{code}/own", get(handlers::own_batches))
        .route("/v1/districts/{code}/set-aside", get(handlers::set_aside))
        // Layers added later run first: the signature is checked before the body limit sees a byte.
        .route_layer(RequestBodyLimitLayer::new(MAX_BATCH_BYTES))
        .route_layer(middleware::from_fn_with_state(served.clone(), authenticate));
    let administered =
        Router::new().route("/v1/admin", post(admin::act)).route_layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES));
    Router::new()
        .route("/v1/hub", get(handlers::identity))
        .route("/v1/stats", get(handlers::stats))
        .route("/v1/verify/{code}", get(handlers::verify))
        .merge(signed)
        .merge(administered)
        .fallback(handlers::not_found)
        .layer(middleware::from_fn(refusal::in_json))
        .layer(middleware::from_fn_with_state(served.clone(), in_flight))
        .with_state(served)
}

/// Holds a place among the requests in flight for the request's handling, or answers 503.
async fn in_flight(State(served): State<Served>, request: Request, next: Next) -> Response {
    let waited = tokio::time::timeout(served.limits.queue_wait, Arc::clone(&served.in_flight).acquire_owned()).await;
    let Ok(Ok(_place)) = waited else { return HttpError::Busy.into_response() };
    next.run(request).await
}

/// Checks the district's signature and takes the request's time, before its body is read; the
/// `Signer` goes on to the handler.
async fn authenticate(State(served): State<Served>, mut request: Request, next: Next) -> Response {
    let signed = signed_headers(request.headers());
    let method = request.method().as_str().to_owned();
    let path = request.uri().path_and_query().map_or_else(|| request.uri().path().to_owned(), |p| p.as_str().to_owned());
    let (hub, checked) = (Arc::clone(&served.hub), signed.clone());
    let admitted =
        blocking(move || hub.admit_request(checked.as_ref(), auth::Request { method: &method, path: &path }, Utc::now())).await;
    match (admitted, signed) {
        (Ok(district), Some(signed)) => {
            request.extensions_mut().insert(Signer { district, signed });
            next.run(request).await
        }
        (Err(error), _) => error.into_response(),
        (Ok(_), None) => HttpError::from(auth::AuthError::Unsigned).into_response(),
    }
}

/// The signature headers of a request, when it has all four.
fn signed_headers(headers: &HeaderMap) -> Option<Signed> {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    Some(Signed {
        district: value(DISTRICT_HEADER)?,
        time: value(TIME_HEADER)?,
        body: value(BODY_HEADER)?,
        signature: value(SIGNATURE_HEADER)?,
    })
}

/// Runs a store call on the blocking pool.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, HubError> + Send + 'static) -> Result<T, HttpError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => Ok(result?),
        Err(error) => Err(HubError::Io(format!("the store call did not finish: {error}")).into()),
    }
}

#[cfg(test)]
mod tests;
