//! What the hub takes in one request, known to both ends: the district cuts its uploads to fit, and
//! the hub refuses more (413, `too-large`) before it reads it.

/// The largest batch the hub takes whole (`POST /v1/batches`, or a committed upload). A batch of
/// the default 2000 events is a few hundred KiB compressed; a district pushing with a far larger
/// `--batch-events` is told the batch is too large and pushes with fewer.
pub const MAX_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// The largest chunk of one `PUT /v1/uploads/{id}`: sixteen times the client's default, so a
/// district on a good link may send larger ones, and the hub holds no more than this per request.
pub const MAX_CHUNK_BYTES: usize = 1024 * 1024;
