//! The database file's writes since the last checkpoint, held in memory over the file (`file.rs`).
//! The log already makes them durable, so the file needs them only by the next sync of its own:
//! held here, the ~40 scattered page writes of a commit become one ordered pass per checkpoint, in
//! which a page rewritten by many commits (a tree's root, the header) is written once.
//!
//! A map of non-overlapping extents by offset; a newer write cuts away what it covers of older ones.
//! Each extent keeps its bytes up to the last non-zero one and a length: redb's pages are mostly
//! zeros past their entries.

use std::collections::BTreeMap;
use std::io;

/// Adjacent extents are written out as one write of at most about this size.
const RUN_BYTES: usize = 1 << 20;

/// A write's bytes up to the last non-zero one, and its whole length: found once per write, for
/// both the log and the held extents.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trimmed<'a> {
    pub(super) data: &'a [u8],
    pub(super) len: u64,
}

impl<'a> Trimmed<'a> {
    pub(super) fn of(bytes: &'a [u8]) -> Self {
        Self { data: &bytes[..bytes.len() - zero_tail(bytes)], len: bytes.len() as u64 }
    }

    pub(super) fn zeros(&self) -> u64 {
        self.len - self.data.len() as u64
    }
}

/// Bytes at an offset: `data`, then zeros up to `len`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Extent {
    data: Vec<u8>,
    len: u64,
}

impl Extent {
    /// The part from `from` to `to`, relative to the extent's start.
    fn part(&self, from: u64, to: u64) -> Self {
        let stored = self.data.len() as u64;
        let data = self.data[as_index(from.min(stored))..as_index(to.min(stored))].to_vec();
        Self { data, len: to - from }
    }

    /// Copies the bytes from `from` (relative to the extent's start) into `out`, whole.
    fn copy_to(&self, from: u64, out: &mut [u8]) {
        let stored = &self.data[as_index(from.min(self.data.len() as u64))..];
        let kept = stored.len().min(out.len());
        out[..kept].copy_from_slice(&stored[..kept]);
        out[kept..].fill(0);
    }
}

/// Held writes over the database file.
#[derive(Debug, Default)]
pub(super) struct Pending {
    extents: BTreeMap<u64, Extent>,
    /// Bytes held in memory (the extents' data; their zero tails are only counted).
    held: usize,
}

impl Pending {
    pub(super) fn held_bytes(&self) -> usize {
        self.held
    }

    /// Holds `bytes` written at `offset`, over whatever was held there.
    pub(super) fn write(&mut self, offset: u64, bytes: Trimmed<'_>) {
        if bytes.len == 0 {
            return;
        }
        // redb mostly rewrites a page it wrote before: the extent's memory is reused.
        if let Some(extent) = self.extents.get_mut(&offset).filter(|extent| extent.len == bytes.len) {
            self.held = self.held - extent.data.len() + bytes.data.len();
            extent.data.clear();
            extent.data.extend_from_slice(bytes.data);
            return;
        }
        self.cut(offset, offset + bytes.len);
        self.put(offset, Extent { data: bytes.data.to_vec(), len: bytes.len });
    }

    /// Forgets what lies at or past `len`: the file was cut there.
    pub(super) fn truncate(&mut self, len: u64) {
        self.cut(len, u64::MAX);
    }

    /// Fills `out` with the bytes at `offset`: the held ones over the file's, which `read_file` reads
    /// only when the held extents leave a gap.
    pub(super) fn read(
        &self,
        offset: u64,
        out: &mut [u8],
        read_file: impl FnOnce(&mut [u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let end = offset + out.len() as u64;
        if !self.covers(offset, end) {
            read_file(out)?;
        }
        for (&start, extent) in self.overlapping(offset, end) {
            let from = start.max(offset);
            let to = (start + extent.len).min(end);
            extent.copy_to(from - start, &mut out[as_index(from - offset)..as_index(to - offset)]);
        }
        Ok(())
    }

    /// Writes everything held through `write`, in offset order, adjacent extents joined into runs.
    /// Keeps holding it all: the caller forgets it (`clear`) once the writes succeeded.
    pub(super) fn write_out(&self, mut write: impl FnMut(u64, &[u8]) -> io::Result<()>) -> io::Result<()> {
        let mut run: Vec<u8> = Vec::new();
        let mut run_start = 0;
        for (&start, extent) in &self.extents {
            let apart = run_start + run.len() as u64 != start || run.len() >= RUN_BYTES;
            if !run.is_empty() && apart {
                write(run_start, &run)?;
                run.clear();
            }
            if run.is_empty() {
                run_start = start;
            }
            run.extend_from_slice(&extent.data);
            run.resize(run.len() + as_index(extent.len) - extent.data.len(), 0);
        }
        if !run.is_empty() {
            write(run_start, &run)?;
        }
        Ok(())
    }

    pub(super) fn clear(&mut self) {
        self.extents.clear();
        self.held = 0;
    }

    /// Removes what is held between `from` and `to`, keeping the parts of extents outside it.
    fn cut(&mut self, from: u64, to: u64) {
        let hit: Vec<u64> = self.overlapping(from, to).map(|(&start, _)| start).collect();
        for start in hit {
            let Some(extent) = self.extents.remove(&start) else { continue };
            self.held -= extent.data.len();
            let end = start + extent.len;
            if start < from {
                self.put(start, extent.part(0, from - start));
            }
            if end > to {
                self.put(to, extent.part(to - start, extent.len));
            }
        }
    }

    fn put(&mut self, offset: u64, extent: Extent) {
        self.held += extent.data.len();
        self.extents.insert(offset, extent);
    }

    /// The extents that overlap `from..to`, last first. Extents do not overlap, so their ends grow
    /// with their starts and the walk back stops at the first that ends before `from`.
    fn overlapping(&self, from: u64, to: u64) -> impl Iterator<Item = (&u64, &Extent)> {
        self.extents.range(..to).rev().take_while(move |(start, extent)| *start + extent.len > from)
    }

    /// Whether held extents cover `from..to` without a gap.
    fn covers(&self, from: u64, to: u64) -> bool {
        let mut needed = to;
        for (&start, extent) in self.overlapping(from, to) {
            if start + extent.len < needed {
                return false;
            }
            needed = start;
        }
        needed <= from
    }
}

/// How many bytes at the end of `data` are zero; whole 64-byte pieces first, each compared at once
/// (a byte-by-byte scan of a page's zero tail took a tenth of a single create).
fn zero_tail(data: &[u8]) -> usize {
    const ZEROS: [u8; 64] = [0; 64];
    let pieces: usize = data.rchunks(64).take_while(|piece| *piece == &ZEROS[..piece.len()]).map(<[u8]>::len).sum();
    let rest = &data[..data.len() - pieces];
    pieces + rest.iter().rev().take_while(|&&b| b == 0).count()
}

/// An offset within one write: writes are slices in memory, so it fits.
fn as_index(at: u64) -> usize {
    usize::try_from(at).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `len` bytes of 9, as the held writes are read over it.
    fn read(pending: &Pending, offset: u64, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        pending
            .read(offset, &mut out, |out| {
                out.fill(9);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        out
    }

    fn written_out(pending: &Pending) -> Vec<(u64, Vec<u8>)> {
        let mut writes = Vec::new();
        pending
            .write_out(|offset, bytes| {
                writes.push((offset, bytes.to_vec()));
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        writes
    }

    #[test]
    fn a_read_sees_the_newest_write_over_older_ones_and_the_file_in_the_gaps() {
        let mut pending = Pending::default();
        pending.write(10, Trimmed::of(&[1; 10]));
        pending.write(15, Trimmed::of(&[2, 0, 0]));
        pending.write(30, Trimmed::of(&[3; 4]));
        assert_eq!(read(&pending, 8, 28), [[9, 9].as_slice(), &[1; 5], &[2, 0, 0], &[1; 2], &[9; 10], &[3; 4], &[9; 2]].concat());
        assert_eq!(read(&pending, 16, 3), [0, 0, 1]);
        assert_eq!(pending.held_bytes(), 5 + 1 + 2 + 4, "zero tails are counted, not held");
    }

    #[test]
    fn a_covered_read_does_not_touch_the_file() {
        let mut pending = Pending::default();
        pending.write(0, Trimmed::of(&[1; 4]));
        pending.write(4, Trimmed::of(&[2; 4]));
        let mut out = [0u8; 8];
        let read = pending.read(0, &mut out, |_| Err(io::Error::other("the file was read")));
        assert!(read.is_ok());
        assert_eq!(out, [1, 1, 1, 1, 2, 2, 2, 2]);
        assert!(pending.read(0, &mut [0u8; 9], |_| Err(io::Error::other("gap"))).is_err());
    }

    #[test]
    fn a_write_over_the_middle_of_an_extent_keeps_both_ends() {
        let mut pending = Pending::default();
        pending.write(0, Trimmed::of(&[1, 2, 3, 4, 5, 0, 0, 0]));
        pending.write(2, Trimmed::of(&[7, 7]));
        assert_eq!(read(&pending, 0, 8), [1, 2, 7, 7, 5, 0, 0, 0]);
        assert_eq!(written_out(&pending), [(0, vec![1, 2, 7, 7, 5, 0, 0, 0])]);
        assert_eq!(pending.held_bytes(), 5);
    }

    #[test]
    fn truncating_forgets_what_lies_past_the_new_end() {
        let mut pending = Pending::default();
        pending.write(0, Trimmed::of(&[1; 6]));
        pending.write(10, Trimmed::of(&[2; 6]));
        pending.truncate(4);
        assert_eq!(written_out(&pending), [(0, vec![1; 4])]);
        pending.truncate(0);
        assert!(written_out(&pending).is_empty());
        assert_eq!(pending.held_bytes(), 0);
    }

    #[test]
    fn writing_out_joins_adjacent_extents_in_offset_order_with_their_zeros() {
        let mut pending = Pending::default();
        pending.write(100, Trimmed::of(&[5, 0]));
        pending.write(4, Trimmed::of(&[2, 0, 0]));
        pending.write(0, Trimmed::of(&[1; 4]));
        assert_eq!(written_out(&pending), [(0, vec![1, 1, 1, 1, 2, 0, 0]), (100, vec![5, 0])]);
    }

    #[test]
    fn a_failed_write_out_keeps_everything_held() {
        let mut pending = Pending::default();
        pending.write(0, Trimmed::of(&[1; 4]));
        pending.write(50, Trimmed::of(&[2; 4]));
        let mut calls = 0;
        let failed = pending.write_out(|_, _| {
            calls += 1;
            if calls == 2 { Err(io::Error::other("disk full")) } else { Ok(()) }
        });
        assert!(failed.is_err());
        assert_eq!(written_out(&pending).len(), 2);
    }

    #[test]
    fn zero_tails_are_counted_across_pieces() {
        let mut data = vec![0u8; 4096];
        assert_eq!(zero_tail(&data), 4096);
        data[1000] = 1;
        assert_eq!(zero_tail(&data), 3095);
        data[4095] = 1;
        assert_eq!(zero_tail(&data), 0);
        assert_eq!(zero_tail(&[]), 0);
    }
}
