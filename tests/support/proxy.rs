//! A tiny TCP proxy in front of a real server, for failure tests that must not
//! touch the shared servers: it can "stop the server" mid-run (cut every
//! connection after N bytes from the server and refuse new ones), or be a
//! black hole that accepts TCP but never answers (for timeouts).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

pub struct TcpProxy {
    pub port: u16,
    stopped: Arc<AtomicBool>,
    /// Kept for the black hole: a bound listener that never accepts.
    _hole: Option<TcpListener>,
}

impl TcpProxy {
    /// Forward 127.0.0.1:`port` → `upstream`. After `cut_after` bytes have come back from
    /// the server (over all connections), every connection is reset and the port closes.
    pub fn start(upstream: &str, cut_after: Option<usize>) -> TcpProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let stopped = Arc::new(AtomicBool::new(false));
        let total = Arc::new(AtomicUsize::new(0));
        let upstream = upstream.to_string();
        let stop = stopped.clone();
        std::thread::spawn(move || {
            let mut open: Vec<TcpStream> = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        let Ok(server) = TcpStream::connect(&upstream) else { continue };
                        open.push(client.try_clone().expect("clone"));
                        open.push(server.try_clone().expect("clone"));
                        pump(client.try_clone().expect("clone"), server.try_clone().expect("clone"), None, &stop);
                        pump(server, client, cut_after.map(|c| (c, total.clone())), &stop);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            // "Server stopped": reset every open connection; the listener closes on return.
            for s in open {
                let _ = s.shutdown(Shutdown::Both);
            }
        });
        TcpProxy { port, stopped, _hole: None }
    }

    /// A port that accepts TCP connections (kernel backlog) but never answers.
    pub fn black_hole() -> TcpProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        TcpProxy { port, stopped: Arc::new(AtomicBool::new(true)), _hole: Some(listener) }
    }

    /// True once the proxy has cut the connections ("server stopped").
    pub fn has_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

impl Drop for TcpProxy {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
    }
}

fn pump(mut from: TcpStream, mut to: TcpStream, cut: Option<(usize, Arc<AtomicUsize>)>, stop: &Arc<AtomicBool>) {
    let stop = stop.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if let Some((limit, total)) = &cut
                && total.fetch_add(n, Ordering::SeqCst) + n > *limit
            {
                stop.store(true, Ordering::SeqCst);
                break;
            }
            if stop.load(Ordering::SeqCst) || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    });
}
