//! The SQLite backend (`rpmdb.sqlite`, rpm ≥ 4.16): header blobs are the
//! `blob` column of table `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`.
//!
//! The database is handed to a bundled SQLite as a read-only in-memory image
//! (`sqlite3_deserialize`), so nothing is written to disk and no `-wal`/`-shm`
//! side files are looked for. rpm creates its database in WAL mode, which an
//! in-memory image cannot use; our private copy is therefore marked as a
//! rollback-journal database (header bytes 18–19), which changes nothing for a
//! reader since the WAL file is not part of what we were given. This module
//! does not read the index tables (`Name`, `Basenames`…): the headers hold
//! everything they index.

use crate::{BlobSink, Error};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;

/// SQLite's in-memory image size is a C `int`.
const MAX_DB: usize = i32::MAX as usize;

/// Calls `f(hnum, blob)` for every row of `Packages`.
pub(crate) fn for_each_blob(db: &[u8], f: &mut BlobSink) -> Result<(), Error> {
    let err = |e: rusqlite::Error| Error::Sqlite(e.to_string());
    if db.len() < 100 {
        return Err(Error::Sqlite(format!(
            "file of {} bytes is shorter than a database header",
            db.len()
        )));
    }
    if db.len() > MAX_DB {
        return Err(Error::Sqlite(format!(
            "file of {} bytes is too large to open in memory",
            db.len()
        )));
    }
    let mut conn = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    // Bytes 18 and 19 are the file format write/read versions: 2 means WAL.
    let mut head = db[..100].to_vec();
    if head[18] == 2 && head[19] == 2 {
        head[18] = 1;
        head[19] = 1;
    }
    let image = head.as_slice().chain(&db[100..]);
    conn.deserialize_read_exact("main", image, db.len(), true)
        .map_err(err)?;
    // The image is read-only already; `query_only` also stops any statement
    // from writing elsewhere. The schema is hostile input too: with
    // `trusted_schema` off it cannot call functions with side effects, and
    // `cell_size_check` makes SQLite vet every b-tree cell it reads.
    conn.execute_batch(
        "PRAGMA query_only = ON; PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON;",
    )
    .map_err(err)?;

    // A real table, not a view: a view could be a recursive query that never ends.
    let has_table: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Packages'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
        .map_err(err)?;
    if !has_table {
        return Err(Error::Sqlite(
            "database has no Packages table: not an rpmdb".to_string(),
        ));
    }
    let mut stmt = conn
        .prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
        .map_err(err)?;
    let mut rows = stmt.query([]).map_err(err)?;
    while let Some(row) = rows.next().map_err(err)? {
        let hnum: i64 = row.get(0).map_err(err)?;
        let blob = row.get_ref(1).map_err(err)?;
        let record = u64::try_from(hnum).unwrap_or(0);
        match blob
            .as_blob_or_null()
            .map_err(|e| Error::Sqlite(e.to_string()))?
        {
            Some(b) => f(record, Ok(b)),
            None => continue,
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::header::build::HeaderBuilder;

    /// Serialises an in-memory database built by `sql`, plus one row per blob.
    fn image(sql: &str, blobs: &[Vec<u8>]) -> Vec<u8> {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(sql).unwrap();
        for (i, b) in blobs.iter().enumerate() {
            conn.execute(
                "INSERT INTO Packages (hnum, blob) VALUES (?1, ?2)",
                rusqlite::params![i as i64 + 1, b],
            )
            .unwrap();
        }
        conn.serialize("main").unwrap().to_vec()
    }

    const SCHEMA: &str =
        "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);";

    #[test]
    fn reads_rows_also_in_wal_mode() {
        let blob = HeaderBuilder::default()
            .string(1000, "zlib")
            .string(1001, "1.2.13")
            .string(1002, "1.fc38")
            .build();
        let mut db = image(SCHEMA, &[blob]);
        for wal in [false, true] {
            if wal {
                db[18] = 2;
                db[19] = 2;
            }
            let pkgs = crate::read_packages(&db).unwrap();
            assert_eq!(pkgs.len(), 1, "wal: {wal}");
            assert_eq!(pkgs[0].version_release(), "1.2.13-1.fc38");
        }
    }

    #[test]
    fn a_view_is_not_a_packages_table() {
        // A recursive view would never finish if we queried it.
        let db = image(
            "CREATE VIEW Packages AS WITH RECURSIVE n(hnum, blob) AS \
             (SELECT 1, x'00' UNION ALL SELECT hnum + 1, blob FROM n) SELECT * FROM n;",
            &[],
        );
        let e = crate::read_packages(&db).unwrap_err().to_string();
        assert!(e.contains("no Packages table"), "{e}");
    }

    #[test]
    fn truncated_image_is_an_error() {
        // A header big enough to spill onto overflow pages.
        let blob = HeaderBuilder::default()
            .string(1000, "big")
            .string(1014, &"x".repeat(20_000))
            .build();
        let db = image(SCHEMA, &[blob]);
        assert_eq!(crate::read_packages(&db).unwrap().len(), 1);
        for cut in [100, 4096, db.len() / 2] {
            assert!(crate::read_packages(&db[..cut]).is_err(), "cut at {cut}");
        }
    }
}
