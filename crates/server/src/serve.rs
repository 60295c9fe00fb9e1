//! The accept loop: HTTP/1.1 with a deadline for reading a request's headers, a cap on open
//! connections, and a graceful shutdown that lets requests in flight finish.
//!
//! `axum::serve` offers neither a header-read timeout nor a connection cap, so a few hundred idle
//! or slow connections could hold the server; this is its loop with both.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long shutdown waits for requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// What one connection may hold of the server.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Connections open at once; more wait in the listen queue until one closes.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers (idle keep-alive included).
    pub header_read_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

/// Whose address a request is counted under (sign-in limits, the sign-in log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clients {
    /// The peer of the connection: browsers connect directly.
    Direct,
    /// Behind a reverse proxy on this machine: every connection comes from it, so a request
    /// from a loopback peer is counted under the last address in its `X-Forwarded-For` (the
    /// one the proxy added; earlier ones are whatever the client claimed).
    BehindLocalProxy,
}

impl Clients {
    pub fn address(self, peer: SocketAddr, headers: &http::HeaderMap) -> SocketAddr {
        if self == Clients::Direct || !peer.ip().is_loopback() {
            return peer;
        }
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|ip| ip.trim().parse::<std::net::IpAddr>().ok())
            .map_or(peer, |ip| SocketAddr::new(ip, 0))
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    clients: Clients,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let mut req = req.map(Body::new);
            let client = clients.address(remote, req.headers());
            req.extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(client));
            app.clone().oneshot(req)
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection from {remote} ended: {e}");
            }
            drop(slot);
        });
    }
    tracing::info!("shutting down: finishing the requests in flight");
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some requests were still running after {SHUTDOWN_GRACE:?}");
    }
}

/// Resolves on SIGTERM (a service manager stopping the server) or Ctrl-C.
pub async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_a_local_proxy_the_client_is_the_address_the_proxy_added() {
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let mut headers = http::HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        let behind = Clients::BehindLocalProxy;
        assert_eq!(
            behind.address(peer, &headers).ip().to_string(),
            "203.0.113.7"
        );
        // Direct connections, and connections from elsewhere, are never taken at their word.
        assert_eq!(Clients::Direct.address(peer, &headers), peer);
        let outside: SocketAddr = "198.51.100.1:5000".parse().unwrap();
        assert_eq!(behind.address(outside, &headers), outside);
        // No header, or nonsense: the peer.
        assert_eq!(behind.address(peer, &http::HeaderMap::new()), peer);
        headers.insert("x-forwarded-for", "not-an-address".parse().unwrap());
        assert_eq!(behind.address(peer, &headers), peer);
    }
}
