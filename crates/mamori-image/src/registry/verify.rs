//! A reader that checks a blob's digest and size while it streams.
//!
//! Registry blobs are never buffered whole, so the digest can only be known at
//! the end: the reader hashes every byte it hands out and turns end-of-stream
//! into an error when the digest or the size is wrong. A consumer that stops
//! early (a walker that found what it wanted) never sees a verdict, which is
//! acceptable because it also never used the unverified remainder. It does not
//! retry or resume interrupted downloads.

use sha2::Digest as _;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Hash state for the digest algorithms the OCI spec registers.
enum Hasher {
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    fn finish(self) -> String {
        match self {
            Hasher::Sha256(h) => format!("sha256:{}", hex::encode(h.finalize())),
            Hasher::Sha512(h) => format!("sha512:{}", hex::encode(h.finalize())),
        }
    }
}

/// Computes the digest of `data` with the algorithm of `expected`
/// (`sha256:…`/`sha512:…`); `None` for algorithms we do not know.
pub(crate) fn digest_like(expected: &str, data: &[u8]) -> Option<String> {
    let mut h = hasher_for(expected)?;
    h.update(data);
    Some(h.finish())
}

fn hasher_for(digest: &str) -> Option<Hasher> {
    match digest.split_once(':')?.0 {
        "sha256" => Some(Hasher::Sha256(sha2::Sha256::new())),
        "sha512" => Some(Hasher::Sha512(sha2::Sha512::new())),
        _ => None,
    }
}

/// Wraps a blob stream, hashing as it goes; fails at end of stream when the
/// digest differs and as soon as more than `size` bytes arrive.
pub(crate) struct VerifyingReader<R> {
    inner: R,
    expected: String,
    hasher: Option<Hasher>,
    /// Declared size from the manifest; `None` when unknown.
    size: Option<u64>,
    read: u64,
    progress: Option<Arc<AtomicU64>>,
    done: bool,
}

impl<R: Read> VerifyingReader<R> {
    /// `expected` must use a supported algorithm (checked by the caller with
    /// [`supported`]); `size` 0 means unknown.
    pub(crate) fn new(
        inner: R,
        expected: &str,
        size: u64,
        progress: Option<Arc<AtomicU64>>,
    ) -> Self {
        VerifyingReader {
            inner,
            expected: expected.to_string(),
            hasher: hasher_for(expected),
            size: (size > 0).then_some(size),
            read: 0,
            progress,
            done: false,
        }
    }
}

/// Whether we can verify digests of this algorithm.
pub(crate) fn supported(digest: &str) -> bool {
    hasher_for(digest).is_some()
}

impl<R: Read> Read for VerifyingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.done = true;
            if let Some(size) = self.size {
                if self.read != size {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "blob {} is {} bytes, the manifest says {size}",
                            self.expected, self.read
                        ),
                    ));
                }
            }
            let got = self.hasher.take().map(Hasher::finish);
            if let Some(got) = got {
                if got != self.expected {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "blob {} has digest {got}: corrupted or tampered with",
                            self.expected
                        ),
                    ));
                }
            }
            return Ok(0);
        }
        self.read += n as u64;
        if let Some(size) = self.size {
            if self.read > size {
                self.done = true;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "blob {} is larger than the {size} bytes the manifest says",
                        self.expected
                    ),
                ));
            }
        }
        if let Some(h) = self.hasher.as_mut() {
            h.update(&buf[..n]);
        }
        if let Some(p) = &self.progress {
            p.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sha(data: &[u8]) -> String {
        digest_like("sha256:", data).unwrap()
    }

    #[test]
    fn good_blob_passes_and_counts_progress() {
        let data = vec![7u8; 100_000];
        let p = Arc::new(AtomicU64::new(0));
        let mut r = VerifyingReader::new(&data[..], &sha(&data), 100_000, Some(p.clone()));
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
        assert_eq!(p.load(Ordering::Relaxed), 100_000);
    }

    #[test]
    fn wrong_digest_fails_at_eof() {
        let data = b"hello".to_vec();
        let mut r = VerifyingReader::new(&data[..], &sha(b"other"), 0, None);
        let e = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("has digest sha256:"), "{e}");
    }

    #[test]
    fn size_mismatch_fails() {
        let data = b"hello".to_vec();
        let e = VerifyingReader::new(&data[..], &sha(&data), 4, None)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(e.to_string().contains("larger than the 4 bytes"), "{e}");
        let e = VerifyingReader::new(&data[..], &sha(&data), 6, None)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(
            e.to_string().contains("is 5 bytes, the manifest says 6"),
            "{e}"
        );
    }

    #[test]
    fn sha512_supported_others_not() {
        assert!(supported("sha512:ab"));
        assert!(!supported("md5:ab"));
        let d = digest_like("sha512:", b"x").unwrap();
        let mut r = VerifyingReader::new(&b"x"[..], &d, 1, None);
        r.read_to_end(&mut Vec::new()).unwrap();
    }
}
