//! The store's behaviour on real redb files in temporary folders.
