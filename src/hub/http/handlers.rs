//! One function per route: the request's parts in, the hub's operation on the blocking pool, the
//! answer out. A signed route finds its district in the `Signer` that `authenticate` left.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, Extension, Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::json;

use super::body::read_signed;
use super::refusal::HttpError;
use super::{LocalAddress, Served, Signer, blocking};
use crate::hub::{Hub, HubError};
use crate::sync::auth::AuthError;
use crate::sync::wire::{MAX_BATCH_BYTES, MAX_CHUNK_BYTES};

pub(super) type Answer = Result<Response, HttpError>;

pub(super) fn json_answer(value: &impl serde::Serialize) -> Response {
    Json(json!(value)).into_response()
}

fn bytes_answer(bytes: Vec<u8>) -> Response {
    ([(CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
}

/// The number `name` of the query, 0 when absent or not a number (as the hub always read it).
fn query_number(uri: &Uri, name: &str) -> u64 {
    uri.query()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0)
}

/// A route under `/v1/districts/{code}` serves the district that signed, and no other.
fn own(signer: &Signer, code: &str) -> Result<(), HttpError> {
    if signer.district == code {
        return Ok(());
    }
    Err(AuthError::WrongDistrict { signed: signer.district.clone(), asked: code.to_owned() }.into())
}

pub(super) async fn identity(State(served): State<Served>) -> Answer {
    let hub = served.hub.clone();
    let key = blocking(move || hub.public_key()).await?;
    Ok(json_answer(&json!({ "id": served.hub.store.id, "key": key.to_hex() })))
}

/// Every district's counts and last contact are the province's: only from the hub's machine.
pub(super) async fn stats(
    State(served): State<Served>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(LocalAddress(local)): Extension<LocalAddress>,
) -> Answer {
    if !super::admin::from_own_machine(peer, local) {
        return Err(HttpError::LocalOnly);
    }
    let hub = served.hub.clone();
    Ok(json_answer(&blocking(move || hub.stats()).await?))
}

pub(super) async fn verify(
    State(served): State<Served>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
) -> Answer {
    if let Err(wait) = served.verify_limit.take(peer.ip(), Instant::now()) {
        return Err(HttpError::TooManyRequests(wait.as_secs().max(1)));
    }
    let hub = served.hub.clone();
    Ok(json_answer(&blocking(move || hub.verify(&code)).await?))
}

pub(super) async fn receipt(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(code): Path<String>,
) -> Answer {
    own(&signer, &code)?;
    let hub = served.hub.clone();
    Ok(json_answer(&blocking(move || hub.receipt(&code)).await?))
}

pub(super) async fn batch(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    // A whole batch is read into memory and opened: few at once.
    let _place = served.whole_batches.acquire().await.map_err(|_| HttpError::Busy)?;
    let bytes = read_signed(body, &headers, &signer, MAX_BATCH_BYTES, served.limits.body).await?;
    let hub = served.hub.clone();
    Ok(json_answer(&blocking(move || hub.receive_signed(&signer.district, &bytes, Utc::now())).await?))
}

pub(super) async fn upload_progress(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(id): Path<String>,
) -> Answer {
    let uploads = served.uploads.clone();
    let received = blocking(move || uploads.received(&signer.district, &id)).await?;
    Ok(json_answer(&json!({ "received": received })))
}

pub(super) async fn upload_chunk(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let offset = query_number(&uri, "offset");
    let chunk = read_signed(body, &headers, &signer, MAX_CHUNK_BYTES, served.limits.body).await?;
    let uploads = served.uploads.clone();
    let received = blocking(move || uploads.append(&signer.district, &id, offset, &chunk)).await?;
    Ok(json_answer(&json!({ "received": received })))
}

pub(super) async fn commit(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    // No body, but the signed hash is checked all the same: the request is exactly the one signed.
    read_signed(body, &headers, &signer, 0, served.limits.body).await?;
    let _place = served.whole_batches.acquire().await.map_err(|_| HttpError::Busy)?;
    let (hub, uploads) = (served.hub.clone(), served.uploads.clone());
    Ok(json_answer(&blocking(move || hub.commit_upload(&uploads, &signer.district, &id, Utc::now())).await?))
}

pub(super) async fn down(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(code): Path<String>,
    uri: Uri,
) -> Answer {
    bundle(&served, &signer, code, &uri, Hub::export).await
}

pub(super) async fn own_batches(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(code): Path<String>,
    uri: Uri,
) -> Answer {
    bundle(&served, &signer, code, &uri, Hub::own_batches).await
}

/// A bundle of the signing district's batches above the query's `after`, as `make` builds it.
async fn bundle(
    served: &Served,
    signer: &Signer,
    code: String,
    uri: &Uri,
    make: fn(&Hub, &str, u64) -> Result<Vec<u8>, HubError>,
) -> Answer {
    own(signer, &code)?;
    let (hub, after) = (served.hub.clone(), query_number(uri, "after"));
    Ok(bytes_answer(blocking(move || make(&hub, &code, after)).await?))
}

pub(super) async fn set_aside(
    State(served): State<Served>,
    Extension(signer): Extension<Signer>,
    Path(code): Path<String>,
) -> Answer {
    own(&signer, &code)?;
    let hub = served.hub.clone();
    Ok(json_answer(&blocking(move || hub.set_aside(&code)).await?))
}

pub(super) async fn not_found(uri: Uri) -> HttpError {
    HttpError::NotFound(uri.to_string())
}
