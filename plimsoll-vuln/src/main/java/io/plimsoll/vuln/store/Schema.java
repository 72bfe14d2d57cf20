package io.plimsoll.vuln.store;

import java.util.List;

/**
 * The SQLite database's tables. Every row carries its {@code source}, so one source's data can be replaced,
 * discarded after a failed update, or carried over from the previous file on its own.
 */
final class Schema {

    /** Bumped on any incompatible change; a database of another version is refused with "run db update". */
    static final int VERSION = 1;

    static final List<String> TABLES = List.of("advisory", "affected", "kev", "epss", "cvss");

    static final List<String> DDL = List.of(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE source(name TEXT PRIMARY KEY, url TEXT NOT NULL, updated_at TEXT, attempt_at TEXT NOT NULL,"
                    + " error TEXT, records INTEGER NOT NULL, checksum TEXT NOT NULL, validators TEXT NOT NULL,"
                    + " state TEXT NOT NULL)",
            "CREATE TABLE advisory(source TEXT NOT NULL, id TEXT NOT NULL, aliases TEXT NOT NULL, title TEXT NOT NULL,"
                    + " description TEXT NOT NULL, published TEXT, modified TEXT, refs TEXT NOT NULL,"
                    + " source_severity TEXT NOT NULL, severity TEXT NOT NULL, cvss TEXT NOT NULL,"
                    + " PRIMARY KEY(source, id))",
            "CREATE TABLE affected(source TEXT NOT NULL, advisory_id TEXT NOT NULL, namespace TEXT NOT NULL,"
                    + " package TEXT NOT NULL, scheme TEXT NOT NULL, status TEXT NOT NULL, ranges TEXT NOT NULL,"
                    + " versions TEXT NOT NULL, module TEXT, severity TEXT NOT NULL)",
            "CREATE TABLE kev(source TEXT NOT NULL, cve TEXT PRIMARY KEY, date_added TEXT NOT NULL, due_date TEXT,"
                    + " ransomware INTEGER NOT NULL, vendor TEXT NOT NULL, product TEXT NOT NULL, name TEXT NOT NULL,"
                    + " action TEXT NOT NULL)",
            "CREATE TABLE epss(source TEXT NOT NULL, cve TEXT PRIMARY KEY, score REAL NOT NULL,"
                    + " percentile REAL NOT NULL, date TEXT)",
            "CREATE TABLE cvss(source TEXT NOT NULL, cve TEXT NOT NULL, version TEXT NOT NULL, vector TEXT NOT NULL,"
                    + " score REAL, scorer TEXT NOT NULL, PRIMARY KEY(cve, version, scorer, vector))");

    /** Created after the bulk load: building indexes once is much faster than maintaining them per insert. */
    static final List<String> INDEXES = List.of(
            "CREATE INDEX affected_lookup ON affected(namespace, package)",
            "CREATE INDEX affected_advisory ON affected(source, advisory_id)",
            "CREATE INDEX advisory_source ON advisory(source)");

    private Schema() {
    }
}
