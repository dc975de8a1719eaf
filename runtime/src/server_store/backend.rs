//! Where server-side store data lives: in process (the default, nothing to
//! install) or in Redis (several server instances share it).

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use moka::notification::RemovalCause;

/// A stored value: typed in memory, or bytes to decode (from Redis).
#[derive(Clone)]
pub enum Stored {
    Typed(Arc<dyn Any + Send + Sync>),
    Bytes(Arc<[u8]>),
}

/// One version of one store of one session.
#[derive(Clone)]
pub struct Entry {
    pub version: u64,
    pub value: Stored,
    /// Size of the JSON form, the unit of the memory budget.
    pub bytes: usize,
}

/// Why the backend failed.
#[derive(Debug, thiserror::Error)]
#[error("server-side store backend: {0}")]
pub struct BackendError(pub String);

/// Settings of the embedded backend.
#[derive(Clone, Copy, Debug)]
pub struct MemoryLimits {
    /// Total size of the data kept, in bytes of JSON.
    pub budget_bytes: u64,
    /// How long a session's data is kept after its last write.
    pub time_to_live: Duration,
}

impl Default for MemoryLimits {
    fn default() -> Self {
        MemoryLimits {
            budget_bytes: 256 * 1024 * 1024,
            time_to_live: Duration::from_secs(60 * 60),
        }
    }
}

type Key = (String, &'static str);

/// The storage behind server-side stores.
#[derive(Clone)]
pub enum Backend {
    Memory(Cache<Key, Entry>),
    Redis(RedisBackend),
}

impl Backend {
    /// The embedded default: an in-process cache with a byte budget and a
    /// time-to-live; evictions are logged.
    pub fn memory(limits: MemoryLimits) -> Self {
        let cache = Cache::builder()
            .weigher(|_: &Key, e: &Entry| u32::try_from(e.bytes).unwrap_or(u32::MAX).max(1))
            .max_capacity(limits.budget_bytes)
            .time_to_live(limits.time_to_live)
            .eviction_listener(|key: Arc<Key>, entry: Entry, cause| {
                if cause != RemovalCause::Replaced && cause != RemovalCause::Explicit {
                    tracing::info!(
                        store = key.1,
                        bytes = entry.bytes,
                        "server-side store evicted ({cause:?}): the session will see it empty"
                    );
                }
            })
            .build();
        Backend::Memory(cache)
    }

    /// Whether values stay typed in this process (no encoding to read them).
    pub fn is_memory(&self) -> bool {
        matches!(self, Backend::Memory(_))
    }

    pub async fn get(
        &self,
        session: &str,
        store: &'static str,
    ) -> Result<Option<Entry>, BackendError> {
        match self {
            Backend::Memory(cache) => Ok(cache.get(&(session.to_owned(), store)).await),
            Backend::Redis(redis) => redis.get(session, store).await,
        }
    }

    pub async fn put(
        &self,
        session: &str,
        store: &'static str,
        entry: Entry,
    ) -> Result<(), BackendError> {
        match self {
            Backend::Memory(cache) => {
                cache.insert((session.to_owned(), store), entry).await;
                Ok(())
            }
            Backend::Redis(redis) => redis.put(session, store, entry).await,
        }
    }
}

/// Redis as the backend: values are JSON bytes under
/// `<prefix>:<session>:<store>`, with the version in front, and expire after
/// the time-to-live.
#[derive(Clone)]
pub struct RedisBackend {
    connection: redis::aio::ConnectionManager,
    prefix: String,
    time_to_live: Duration,
}

impl RedisBackend {
    /// Connects to `url` (`redis://127.0.0.1:6379/`).
    pub async fn connect(
        url: &str,
        prefix: &str,
        time_to_live: Duration,
    ) -> Result<Self, BackendError> {
        let client = redis::Client::open(url).map_err(|e| BackendError(format!("{url}: {e}")))?;
        let connection = client
            .get_connection_manager()
            .await
            .map_err(|e| BackendError(format!("cannot connect to {url}: {e}")))?;
        Ok(RedisBackend {
            connection,
            prefix: prefix.to_owned(),
            time_to_live,
        })
    }

    fn key(&self, session: &str, store: &str) -> String {
        format!("{}:{session}:{store}", self.prefix)
    }

    async fn get(&self, session: &str, store: &'static str) -> Result<Option<Entry>, BackendError> {
        let mut connection = self.connection.clone();
        let raw: Option<Vec<u8>> = redis::cmd("GET")
            .arg(self.key(session, store))
            .query_async(&mut connection)
            .await
            .map_err(|e| BackendError(e.to_string()))?;
        let Some(raw) = raw else { return Ok(None) };
        if raw.len() < 8 {
            return Err(BackendError(format!(
                "entry for store `{store}` is truncated"
            )));
        }
        let (version, bytes) = raw.split_at(8);
        Ok(Some(Entry {
            version: u64::from_le_bytes(version.try_into().expect("8 bytes")),
            bytes: bytes.len(),
            value: Stored::Bytes(bytes.into()),
        }))
    }

    async fn put(
        &self,
        session: &str,
        store: &'static str,
        entry: Entry,
    ) -> Result<(), BackendError> {
        let Stored::Bytes(bytes) = &entry.value else {
            return Err(BackendError(
                "Redis stores bytes; the value was not encoded".to_owned(),
            ));
        };
        let mut raw = entry.version.to_le_bytes().to_vec();
        raw.extend_from_slice(bytes);
        let mut connection = self.connection.clone();
        redis::cmd("SET")
            .arg(self.key(session, store))
            .arg(raw)
            .arg("PX")
            .arg(self.time_to_live.as_millis() as u64)
            .query_async::<()>(&mut connection)
            .await
            .map_err(|e| BackendError(e.to_string()))
    }
}
