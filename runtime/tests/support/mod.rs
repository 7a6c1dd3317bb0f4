//! Loopback HTTP/1.1 servers written on raw sockets, for the answers and faults a mock
//! server cannot fake: a server that never answers, a body that stalls, a reset
//! connection, a body larger than any limit.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What a raw server does once it has read a request.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Reads the request and never answers (keeping the connection open).
    NeverAnswers,
    /// Sends `head` (a status line and headers, ending with the blank line) and `start`
    /// of the body, then stalls with the connection open.
    Stalls { head: &'static str, start: &'static [u8] },
    /// Closes the connection with a TCP reset instead of answering.
    Resets,
    /// Sends a `200 OK` with a chunked body of `total` bytes (in 64 KiB chunks), counting
    /// what the client accepted until it hung up.
    Streams { total: usize },
}

/// A raw server on 127.0.0.1 behaving as a [`Fault`] on every connection.
pub struct FaultServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    requests: Arc<AtomicUsize>,
    written: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl FaultServer {
    pub async fn start(fault: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(AtomicUsize::new(0));
        let written = Arc::new(AtomicUsize::new(0));
        let (seen, sent) = (requests.clone(), written.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (seen, sent) = (seen.clone(), sent.clone());
                tokio::spawn(async move { serve_fault(socket, fault, &seen, &sent).await });
            }
        });
        Self { base, requests, written, task }
    }

    /// How many requests the server has read.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// How many body bytes a [`Fault::Streams`] server got onto the wire.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_fault(mut socket: TcpStream, fault: Fault, requests: &AtomicUsize, written: &AtomicUsize) {
    if read_request(&mut socket).await.is_none() {
        return;
    }
    requests.fetch_add(1, Ordering::SeqCst);
    match fault {
        Fault::NeverAnswers => hold(socket).await,
        Fault::Stalls { head, start } => {
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(start).await;
            hold(socket).await;
        }
        Fault::Resets => {
            // SO_LINGER 0: closing sends RST instead of FIN.
            let _ = socket.set_zero_linger();
            drop(socket);
        }
        Fault::Streams { total } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b' '; 64 * 1024];
            let frame = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk, b"\r\n".to_vec()].concat();
            let mut sent = 0;
            while sent < total {
                if socket.write_all(&frame).await.is_err() {
                    return;
                }
                sent += 64 * 1024;
                written.store(sent, Ordering::SeqCst);
            }
            let _ = socket.write_all(b"0\r\n\r\n").await;
        }
    }
}

/// Keeps a connection open without answering, until the peer closes it.
async fn hold(mut socket: TcpStream) {
    let mut buf = [0u8; 1024];
    while let Ok(read) = socket.read(&mut buf).await {
        if read == 0 {
            return;
        }
    }
}

/// Reads one request (head, and as many body bytes as `Content-Length` says).
pub async fn read_request(socket: &mut TcpStream) -> Option<String> {
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    while !request_complete(&request) {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        request.extend_from_slice(&chunk[..read]);
    }
    Some(String::from_utf8_lossy(&request).into_owned())
}

/// Serves one connection on 127.0.0.1 with `response` (raw HTTP/1.1 bytes) and hands back
/// the request it received, head and body.
pub async fn serve_once(response: Vec<u8>) -> (String, JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let request = read_request(&mut socket).await.expect("client closed before sending a request");
        socket.write_all(&response).await.expect("write");
        socket.shutdown().await.expect("shutdown");
        request
    });
    (base, server)
}

/// Whether `request` holds the whole head and as many body bytes as Content-Length says.
fn request_complete(request: &[u8]) -> bool {
    let text = String::from_utf8_lossy(request);
    let Some(head_end) = text.find("\r\n\r\n") else {
        return false;
    };
    let length = text[..head_end]
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    request.len() >= head_end + 4 + length
}

/// A whole HTTP/1.1 answer with `Content-Length` and `Connection: close`.
pub fn http_response(status_line: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for header in headers {
        out.push_str(header);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Generous bound on a call that should end at `timeout`: a loaded 2-core CI machine may
/// be slow, but never by seconds.
pub fn deadline(timeout: Duration) -> Duration {
    timeout + Duration::from_secs(2)
}

/// Sends `request` through the default transport (reqwest) as operation `test`, as a
/// generated `send` does after building it.
pub async fn execute(
    request: http::Request<bytes::Bytes>,
    limits: codegen_runtime::Limits,
) -> Result<codegen_runtime::UnreadResponse, codegen_runtime::Failure> {
    let sender = codegen_runtime::SenderBuilder::default().build().expect("the default transport");
    let operation = codegen_runtime::Operation::new("test", request.method().clone(), "/test");
    sender.send(operation, request, limits).await
}

/// A `GET` of `url` with no body.
pub fn get_request(url: impl AsRef<str>) -> http::Request<bytes::Bytes> {
    http::Request::get(url.as_ref()).body(bytes::Bytes::new()).expect("a valid URL")
}

/// A `POST` of `body` as JSON to `url`.
pub fn post_json(url: impl AsRef<str>, body: impl Into<bytes::Bytes>) -> http::Request<bytes::Bytes> {
    http::Request::post(url.as_ref()).header("content-type", "application/json").body(body.into()).expect("a valid URL")
}
