//! Connections: accepted up to a cap, each served by hyper on a task of its own with a deadline for
//! its request's headers and a small read buffer, and closed when no byte has gone either way for
//! a while (a client that stopped reading its answer, or a kept-alive connection left idle).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Sleep;
use tower::ServiceExt;

use super::{Limits, LocalAddress};

/// hyper's read buffer per connection (its least): a request's headers are far smaller.
const READ_BUFFER: usize = 8 * 1024;

/// Serves `app` on every connection `listener` accepts, until the task is aborted.
pub(super) async fn serve(listener: TcpListener, app: Router, limits: Limits) {
    let open = Arc::new(Semaphore::new(limits.connections));
    loop {
        // At the cap, new connections wait in the kernel's backlog until one closes.
        let Ok(place) = Arc::clone(&open).acquire_owned().await else { return };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors, most likely: wait for some to close rather than spin.
                tracing::warn!(%error, "cannot accept a connection");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let app = app.clone();
        tokio::spawn(async move {
            serve_connection(stream, peer, app, limits).await;
            drop(place);
        });
    }
}

async fn serve_connection(stream: TcpStream, peer: SocketAddr, app: Router, limits: Limits) {
    let _ = stream.set_nodelay(true);
    let local = stream.local_addr().ok();
    let io = TokioIo::new(Idle::new(stream, limits.idle));
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request.extensions_mut().insert(LocalAddress(local));
        app.clone().oneshot(request)
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header).max_buf_size(READ_BUFFER);
    if let Err(error) = http.serve_connection(io, service).await {
        tracing::debug!(%error, %peer, "connection closed");
    }
}

/// A stream that fails with `TimedOut` once nothing has moved either way for `after`.
struct Idle<T> {
    inner: T,
    after: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl<T> Idle<T> {
    fn new(inner: T, after: Duration) -> Self {
        Self { inner, after, deadline: Box::pin(tokio::time::sleep(after)) }
    }

    fn moved(&mut self) {
        let next = tokio::time::Instant::now() + self.after;
        self.deadline.as_mut().reset(next);
    }

    /// What a poll that found nothing to do answers: wait, unless the deadline is past.
    fn stalled<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the connection was idle too long"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Idle<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Pending => this.stalled(cx),
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(result)
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Idle<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Pending => this.stalled(cx),
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
        }
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.stalled(cx),
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    this.moved();
                }
                Poll::Ready(result)
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Pending => this.stalled(cx),
            Poll::Ready(result) => Poll::Ready(result),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[test]
    fn a_stream_with_nothing_moving_times_out_and_one_moving_does_not() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap_or_else(|e| panic!("{e}"));
        runtime.block_on(async {
            let (near, mut far) = tokio::io::duplex(64);
            let mut idle = Idle::new(near, Duration::from_millis(200));
            // Bytes every 100 ms keep it open past its 200 ms.
            for _ in 0..4 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                far.write_all(b"x").await.unwrap_or_else(|e| panic!("{e}"));
                let mut byte = [0u8; 1];
                idle.read_exact(&mut byte).await.unwrap_or_else(|e| panic!("{e}"));
            }
            let mut byte = [0u8; 1];
            let silent = idle.read(&mut byte).await;
            assert_eq!(silent.map_err(|e| e.kind()), Err(io::ErrorKind::TimedOut));
        });
    }
}
