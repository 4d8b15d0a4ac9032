//! Every refusal the HTTP API answers, as `{"error": key, "detail", …}` with its status: the hub's
//! own errors as before, and the server's (too large, too slow, too busy, too many).

use axum::Json;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use thiserror::Error;

use super::VERIFY_PER_MINUTE;
use crate::hub::HubError;
use crate::sync::auth::AuthError;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum HttpError {
    #[error(transparent)]
    Hub(#[from] HubError),
    /// The body is larger than this route takes (`sync::wire`).
    #[error("the request's body is larger than the {limit} bytes the hub takes here")]
    TooLarge { limit: usize },
    /// The body came slower than the hub waits for (`Pace`).
    #[error("the request's body came too slowly; the hub stopped waiting")]
    Timeout,
    /// Every place for a request was taken for as long as one may wait.
    #[error("the hub is busy; ask again in a moment")]
    Busy,
    /// `/v1/stats` and `/v1/admin` are the province's, from the hub's own machine.
    #[error("only from the hub's own machine")]
    LocalOnly,
    /// `/v1/admin` without the token of `admin.json`.
    #[error("only with the administrator's token of this hub's admin.json")]
    NotAdministrator,
    /// Past the verification allowance; seconds until the address may ask again.
    #[error("at most {VERIFY_PER_MINUTE} verification requests a minute from one address; ask again in {0} s")]
    TooManyRequests(u64),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
}

impl From<AuthError> for HttpError {
    fn from(error: AuthError) -> Self {
        Self::Hub(HubError::Unauthorized(error))
    }
}

impl HttpError {
    /// The status, the key, and what more the refusal carries: `received` for an offset, `last`
    /// for a replay, seconds for `Retry-After`.
    fn parts(&self) -> (StatusCode, &'static str, Option<(&'static str, Value)>, Option<u64>) {
        match self {
            Self::Hub(error) => hub_parts(error),
            Self::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too-large", None, None),
            Self::Timeout => (StatusCode::REQUEST_TIMEOUT, "request-timeout", None, None),
            Self::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy", None, Some(1)),
            Self::LocalOnly => (StatusCode::FORBIDDEN, "local-only", None, None),
            Self::NotAdministrator => (StatusCode::UNAUTHORIZED, "not-administrator", None, None),
            Self::TooManyRequests(seconds) => (StatusCode::TOO_MANY_REQUESTS, "too-many-requests", None, Some(*seconds)),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", None, None),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", None, None),
        }
    }
}

fn hub_parts(error: &HubError) -> (StatusCode, &'static str, Option<(&'static str, Value)>, Option<u64>) {
    match error {
        HubError::Batch(sync) => (StatusCode::BAD_REQUEST, sync.key(), None, None),
        HubError::UnknownDistrict(_) => (StatusCode::NOT_FOUND, "unknown-district", None, None),
        HubError::WrongOffset { received, .. } => {
            (StatusCode::CONFLICT, "wrong-offset", Some(("received", json!(received))), None)
        }
        HubError::Unauthorized(auth) => {
            let last = match auth {
                AuthError::Replayed { last } => Some(("last", json!(last))),
                _ => None,
            };
            (StatusCode::UNAUTHORIZED, auth.key(), last, None)
        }
        HubError::UnknownDocument { .. } => (StatusCode::NOT_FOUND, "unknown-document", None, None),
        HubError::UploadMismatch => (StatusCode::BAD_REQUEST, "upload-mismatch", None, None),
        HubError::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too-large", None, None),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "hub", None, None),
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let (status, key, more, retry_after) = self.parts();
        let detail = self.to_string();
        if status.is_server_error() {
            tracing::warn!(key, %detail, "request failed");
        } else {
            tracing::debug!(key, %detail, "request refused");
        }
        let mut body = json!({ "error": key, "detail": detail });
        if let Some((name, value)) = more {
            body[name] = value;
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Refusals made by the server stack rather than a handler (tower-http's body limit, axum's
/// unknown method or unreadable path) in the API's own shape.
pub(super) async fn in_json(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response.headers().get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let refusal = match status {
        StatusCode::PAYLOAD_TOO_LARGE => HttpError::TooLarge { limit: crate::sync::wire::MAX_BATCH_BYTES },
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => HttpError::NotFound(path),
        other => HttpError::BadRequest(other.canonical_reason().unwrap_or("bad request").to_owned()),
    };
    refusal.into_response()
}
