//! `POST /v1/admin`: an administrator's act (`hub::admin`) sent by the command line while this
//! process holds the store. Answered only to the hub's own machine, only with the token `serve`
//! wrote to `admin.json`; refused otherwise with 403 (`local-only`) or 401 (`not-administrator`).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Extension, State};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use super::handlers::{Answer, json_answer};
use super::refusal::HttpError;
use super::{LocalAddress, Served, blocking};
use crate::hub::admin::{self, MAX_REQUEST_BYTES, Request, Token};
use crate::i18n::{Language, Localizer};

/// Whether a connection from `peer`, made to this process's `local` address, comes from the hub's
/// own machine: a loopback address (an IPv4 one in IPv6 dress too), or the very address it reached.
pub(super) fn from_own_machine(peer: SocketAddr, local: Option<SocketAddr>) -> bool {
    let ip = peer.ip().to_canonical();
    ip.is_loopback() || local.is_some_and(|local| local.ip().to_canonical() == ip)
}

/// The administrator's request is let through, or the refusal.
pub(super) fn guard(
    peer: SocketAddr,
    local: Option<SocketAddr>,
    authorization: Option<&str>,
    token: Option<&Token>,
) -> Result<(), HttpError> {
    if !from_own_machine(peer, local) {
        return Err(HttpError::LocalOnly);
    }
    match (token, authorization) {
        (Some(token), Some(given)) if token.admits(given) => Ok(()),
        _ => Err(HttpError::NotAdministrator),
    }
}

pub(super) async fn act(
    State(served): State<Served>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(LocalAddress(local)): Extension<LocalAddress>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let authorization = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    if let Err(refusal) = guard(peer, local, authorization, served.admin.as_deref()) {
        tracing::warn!(target: "bakhshyar::hub::administrator", %peer, %refusal, "administrator request refused");
        return Err(refusal);
    }
    let read = tokio::time::timeout(served.limits.body.grace, axum::body::to_bytes(body, MAX_REQUEST_BYTES)).await;
    let bytes = match read {
        Err(_) => return Err(HttpError::Timeout),
        Ok(Err(error)) => return Err(super::body::unreadable(&error, MAX_REQUEST_BYTES)),
        Ok(Ok(bytes)) => bytes,
    };
    let request: Request =
        serde_json::from_slice(&bytes).map_err(|e| HttpError::BadRequest(format!("not an administrator's act: {e}")))?;
    let language = Language::from_code(&request.lang).unwrap_or_default();
    let hub = served.hub.clone();
    let act = request.act;
    let outcome = blocking(move || {
        let outcome = admin::perform_captured(&hub, &act, Localizer::shared(language));
        admin::log_act(&act, peer, &outcome);
        Ok(outcome)
    })
    .await?;
    Ok(json_answer(&outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SocketAddr {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn only_the_hubs_own_machine_with_the_token_is_let_through() {
        let token = Token::generate().unwrap_or_else(|e| panic!("{e}"));
        let bearer = format!("Bearer {}", token.to_hex());
        let local = Some(at("10.0.0.5:8470"));
        // From loopback (IPv4, IPv6, IPv4 in IPv6 dress) or the address the hub was reached at.
        for peer in ["127.0.0.1:50000", "[::1]:50000", "[::ffff:127.0.0.1]:50000", "10.0.0.5:50000"] {
            assert!(guard(at(peer), local, Some(&bearer), Some(&token)).is_ok(), "{peer}");
        }
        // From anywhere else, even with the token: 403.
        for peer in ["10.0.0.6:50000", "192.168.1.10:50000", "[2001:db8::1]:50000", "[::ffff:10.0.0.6]:50000"] {
            let refused = guard(at(peer), local, Some(&bearer), Some(&token));
            assert!(matches!(refused, Err(HttpError::LocalOnly)), "{peer}: {refused:?}");
        }
        // From the machine without the token, with another, or from a hub that serves no admin: 401.
        let other = format!("Bearer {}", Token::generate().unwrap_or_else(|e| panic!("{e}")).to_hex());
        for (authorization, token) in [(None, Some(&token)), (Some(other.as_str()), Some(&token)), (Some(bearer.as_str()), None)]
        {
            let refused = guard(at("127.0.0.1:1"), local, authorization, token);
            assert!(matches!(refused, Err(HttpError::NotAdministrator)), "{authorization:?}: {refused:?}");
        }
    }
}
