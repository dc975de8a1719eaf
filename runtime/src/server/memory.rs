//! Gives the memory of large requests back to the system.
//!
//! A callback that reads a client store gets the store's whole data in its
//! request: megabytes for 100k rows. glibc's allocator kept what such
//! requests freed in its per-thread arenas, so a server that had answered a
//! few of them stayed at several times its working size (51 MiB instead of
//! 6 after the benchmark's replay). Three things put that right:
//!
//! - [`tune`] fixes glibc's mmap and trim thresholds, which glibc otherwise
//!   raises after each large block it frees, and keeps one arena per core
//!   rather than one per thread;
//! - a thread that decoded a large request shrinks its own arena
//!   ([`shrink_thread_arena`]): the small blocks such a request leaves (a
//!   store's row strings) sit in fast bins at the top of the arena, which
//!   neither their `free` nor `malloc_trim` gives back;
//! - after a large request the server asks glibc to return the free pages
//!   inside its arenas (`malloc_trim`), at most every [`PAUSE`], on the
//!   blocking pool, and once more when it has been quiet for [`SETTLE`].
//!
//! All are glibc's alone: with another allocator, or on another system,
//! this does nothing. Thresholds set through glibc's own environment
//! variables (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`,
//! `GLIBC_TUNABLES`) are left as they are.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// A request body at least this large is worth a trim after it.
pub const LARGE: usize = 256 * 1024;

/// Blocks at least this large are mapped apart from the heaps and go back to
/// the system when freed: a 100k-row request (5 MB) is, a 10k-row one
/// (0.5 MB) is not. Mapping those too cost about a quarter of the 10k-row
/// rate in page faults, for no memory saved once the trims below have run.
const MMAP_THRESHOLD: usize = 4 * 1024 * 1024;

/// The free space at the top of a heap that glibc keeps for later.
const TRIM_THRESHOLD: usize = 1024 * 1024;

/// The least time between two trims: a trim walks the allocator's arenas,
/// which is cheap once but not after every request of a busy server.
const PAUSE: Duration = Duration::from_millis(100);

/// How long the server is quiet before the last trim of a busy spell.
const SETTLE: Duration = Duration::from_secs(1);

/// Large requests ended since the last trim began.
static DIRTY: AtomicBool = AtomicBool::new(false);
/// A task is trimming or waiting to trim.
static RUNNING: AtomicBool = AtomicBool::new(false);
/// Trims so far, for the log and the tests.
static TRIMS: AtomicUsize = AtomicUsize::new(0);

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
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int);
            libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD as libc::c_int);
            libc::mallopt(libc::M_ARENA_MAX, arenas());
        }
    });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}

/// One arena per core, not glibc's eight: the tokio workers rarely wait for
/// one another's arena, and the blocking pool's threads share theirs
/// instead of each keeping one (see [`shrink_thread_arena`]). One arena for
/// all threads costs a third of the one-input rate on two cores.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn arenas() -> libc::c_int {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    cores.clamp(2, 64) as libc::c_int
}

/// Gives back the free top of the calling thread's arena. glibc does that
/// only when a block of 64 KiB or more is freed in the arena (after merging
/// its fast bins); `malloc_trim` leaves the top of a thread's arena alone.
/// Small blocks freed into fast bins stay there, so an arena whose thread
/// decoded 100k row strings kept about 3 MB. Freeing one such block here is
/// what sets glibc's own shrinking off.
pub fn shrink_thread_arena() {
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        // Under the mmap threshold, so it comes from this thread's arena.
        drop(std::hint::black_box(Vec::<u8>::with_capacity(128 * 1024)));
    }
}

fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of glibc's own heaps; it
    // takes the allocator's locks and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
    let trims = TRIMS.fetch_add(1, Ordering::Relaxed) + 1;
    tracing::debug!(
        trims,
        "gave the memory of large requests back to the system"
    );
}

/// Held while a large request is answered; its drop notes that the request
/// ended (answered or abandoned).
pub(super) struct TrimAfter;

impl Drop for TrimAfter {
    fn drop(&mut self) {
        // On the worker thread that decoded the request, unless a plain
        // `fn` did that on the blocking pool (see `update::run`).
        shrink_thread_arena();
        note_large_request();
    }
}

/// Notes that a large request ended, and starts the trimming task unless one
/// runs (it will see the note).
fn note_large_request() {
    DIRTY.store(true, Ordering::SeqCst);
    // A request dropped outside the runtime (as it shuts down) has no one
    // to trim after it.
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    if RUNNING.swap(true, Ordering::SeqCst) {
        return;
    }
    runtime.spawn(async {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Trims done so far, once the trimming task has ended.
    async fn trims_when_quiet() -> usize {
        while RUNNING.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        TRIMS.load(Ordering::SeqCst)
    }

    #[tokio::test]
    async fn a_burst_of_large_requests_is_trimmed_during_it_and_once_after() {
        let before = trims_when_quiet().await;
        // Requests end 30 ms apart for 1 s: trims follow every PAUSE, not
        // every request, and the last comes once the server is quiet.
        for _ in 0..34 {
            drop(TrimAfter);
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        let during = TRIMS.load(Ordering::SeqCst) - before;
        assert!((3..=20).contains(&during), "{during} trims while busy");
        let after = trims_when_quiet().await - before;
        assert!(after > during, "no trim once the server was quiet");
        assert!(after <= during + 2, "{after} trims in all");
    }
}
