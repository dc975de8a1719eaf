//! Gives the memory of large requests back to the system.
//!
//! A callback that reads a client store gets the store's whole data in its
//! request: megabytes for 100k rows. glibc's allocator kept what such
//! requests freed in its per-thread arenas, so a server that had answered a
//! few of them stayed at several times its working size (51 MiB instead of
//! 6 after the benchmark's replay). Two things put that right:
//!
//! - [`tune`] fixes glibc's mmap and trim thresholds, which glibc otherwise
//!   raises after each large block it frees;
//! - after a large request the server asks glibc to return the free pages
//!   inside its arenas (`malloc_trim`), at most every [`PAUSE`], on the
//!   blocking pool, and once more when it has been quiet for [`SETTLE`].
//!
//! Both are glibc's alone: with another allocator, or on another system,
//! this does nothing. Thresholds set through glibc's own environment
//! variables (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`,
//! `GLIBC_TUNABLES`) are left as they are.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A request body at least this large is worth a trim after it; blocks at
/// least this large are mapped apart from the heaps, and go back to the
/// system when freed.
pub const LARGE: usize = 256 * 1024;

/// The least time between two trims: a trim walks the allocator's arenas,
/// which is cheap once but not after every request of a busy server.
const PAUSE: Duration = Duration::from_millis(100);

/// How long the server is quiet before the last trim of a busy spell.
const SETTLE: Duration = Duration::from_secs(1);

/// Large requests ended since the last trim began.
static DIRTY: AtomicBool = AtomicBool::new(false);
/// A task is trimming or waiting to trim.
static RUNNING: AtomicBool = AtomicBool::new(false);

/// Fixes glibc's thresholds, once per process (the first router built). By
/// default glibc raises its mmap threshold to the size of the largest block
/// freed (up to 32 MiB) and its trim threshold to twice that, so after one
/// 5 MB request every later one was served from heaps that each kept 10 MB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let own = [
            "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_",
            "GLIBC_TUNABLES",
        ];
        if own.iter().any(|name| std::env::var_os(name).is_some()) {
            return;
        }
        // SAFETY: mallopt only changes glibc's tuning parameters.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE as libc::c_int);
            libc::mallopt(libc::M_TRIM_THRESHOLD, (4 * LARGE) as libc::c_int);
        }
    });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: malloc_trim only releases free memory of glibc's own heaps; it
    // takes the allocator's locks and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}

/// Notes that a large request ended, and starts the trimming task unless one
/// runs (it will see the note).
pub(super) fn note_large_request() {
    DIRTY.store(true, Ordering::SeqCst);
    if RUNNING.swap(true, Ordering::SeqCst) {
        return;
    }
    tokio::spawn(async {
        loop {
            while DIRTY.swap(false, Ordering::SeqCst) {
                let _ = tokio::task::spawn_blocking(trim).await;
                tokio::time::sleep(PAUSE).await;
            }
            // What a request's connection held goes when the connection
            // ends, a little after the answer: once the server has been
            // quiet for a while, one more trim.
            tokio::time::sleep(SETTLE).await;
            if DIRTY.load(Ordering::SeqCst) {
                continue;
            }
            let _ = tokio::task::spawn_blocking(trim).await;
            RUNNING.store(false, Ordering::SeqCst);
            // A request that ended just now saw RUNNING still set and left
            // its note to this task: take it, unless another task did.
            if !DIRTY.load(Ordering::SeqCst) || RUNNING.swap(true, Ordering::SeqCst) {
                break;
            }
        }
    });
}
