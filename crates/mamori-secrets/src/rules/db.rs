//! Credentials embedded in connection strings: database URLs
//! (`postgres://user:pass@host`), JDBC/ADO.NET connection strings, and
//! `scheme://user:pass@host` URLs of other protocols.
//!
//! The secret is the password part only; group 1 is the user, so the engine
//! can drop URLs whose password merely repeats the user name or is a
//! well-known default (`postgres:postgres`). URLs without a password are not
//! findings.

use crate::rule::{RuleDef, Severity::*, DEF};

/// `scheme://user:password@host` where the user may be empty (redis).
macro_rules! url_creds {
    ($scheme:literal) => {
        concat!(
            r#"\b(?i:"#,
            $scheme,
            r#")://(?P<user>[^\s:/@"'<>]{0,64}):([^\s:/@"'<>]{3,128})@[0-9A-Za-z_.\[\]-]{1,253}"#
        )
    };
}

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "postgres-url-password",
        title: "PostgreSQL connection URL with password",
        severity: Critical,
        keywords: &["postgres"],
        regex: url_creds!(r"postgres(?:ql)?(?:\+[a-z0-9]+)?"),
        secret_group: 2,
        doc: "`postgres://user:password@host/db` (including SQLAlchemy `postgresql+psycopg2://`).",
        example: "DATABASE_URL=postgres://billing:Rk7vQ2pLx9@db.internal:5432/billing",
        ..DEF
    },
    RuleDef {
        id: "mysql-url-password",
        title: "MySQL/MariaDB connection URL with password",
        severity: Critical,
        keywords: &["mysql", "mariadb"],
        regex: url_creds!(r"(?:mysql|mariadb)(?:\+[a-z0-9]+)?"),
        secret_group: 2,
        doc: "`mysql://user:password@host/db` (including `mysql+pymysql://`, `mariadb://`).",
        example: "DB_DSN=mysql://app:T9w!zQ4e2Lm@mysql.prod:3306/app",
        ..DEF
    },
    RuleDef {
        id: "mongodb-url-password",
        title: "MongoDB connection URL with password",
        severity: Critical,
        keywords: &["mongodb"],
        regex: url_creds!(r"mongodb(?:\+srv)?"),
        secret_group: 2,
        doc: "`mongodb://` or `mongodb+srv://` URL with user and password.",
        example: "MONGO_URL=mongodb+srv://analytics:Xq3Lp9Vz2Rt7@cluster0.ab1cd.mongodb.net/prod",
        ..DEF
    },
    RuleDef {
        id: "redis-url-password",
        title: "Redis connection URL with password",
        severity: High,
        keywords: &["redis"],
        regex: url_creds!(r"rediss?"),
        secret_group: 2,
        doc: "`redis://[user]:password@host` or `rediss://`.",
        example: "REDIS_URL=redis://:Hm4rT8pQ2vXz@cache.internal:6379/0",
        ..DEF
    },
    RuleDef {
        id: "amqp-url-password",
        title: "AMQP (RabbitMQ) URL with password",
        severity: High,
        keywords: &["amqp"],
        regex: url_creds!(r"amqps?"),
        secret_group: 2,
        doc: "`amqp://user:password@host/vhost` for RabbitMQ and other AMQP brokers.",
        example: "BROKER_URL=amqp://worker:Zp8Kw2Lq5Rn3@rabbitmq:5672/jobs",
        ..DEF
    },
    RuleDef {
        id: "mssql-url-password",
        title: "SQL Server connection URL with password",
        severity: Critical,
        keywords: &["sqlserver", "mssql"],
        regex: url_creds!(r"(?:sqlserver|mssql)(?:\+[a-z0-9]+)?"),
        secret_group: 2,
        doc: "`sqlserver://` / `mssql+pyodbc://` URL with user and password.",
        example: "MSSQL_URL=mssql+pyodbc://sa:Qv7Ns4Lp2Xk9@sql01:1433/erp",
        ..DEF
    },
    RuleDef {
        id: "jdbc-password",
        title: "JDBC URL with password parameter",
        severity: Critical,
        keywords: &["jdbc:"],
        regex: r#"(?i:jdbc:[a-z0-9]+:[^\s"'<>]{0,200}?[?;&]password=)([^&;\s"'<>]{3,128})"#,
        doc: "JDBC URL carrying `password=` as a parameter.",
        example:
            "spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=Wq5Lz8Xr2Kp4",
        ..DEF
    },
    RuleDef {
        id: "connection-string-password",
        title: "ADO.NET / ODBC connection string with password",
        severity: Critical,
        keywords: &["password=", "pwd="],
        regex: r#"(?i:(?:server|data source|host|address)\s?=[^;\n"']{1,120};[^\n"']{0,200}?(?:password|pwd)\s?=)([^;"'\s]{3,128})"#,
        doc: "`Server=…;User Id=…;Password=…;` style connection strings.",
        example: "\"Default\": \"Server=sql01;Database=erp;User Id=erp;Password=Lk9Vz4Qm2Wx7;\"",
        ..DEF
    },
    RuleDef {
        id: "url-basic-auth",
        title: "Credentials in a URL",
        severity: Medium,
        keywords: &["://"],
        regex: url_creds!(r"https?|ftps?|sftp|smtps?|ldaps?|ssh|git|svn|nats|kafka|memcached"),
        secret_group: 2,
        generic: true,
        doc: "`scheme://user:password@host` for HTTP, FTP, SMTP, LDAP, git and other protocols.",
        example: "pip install --index-url https://ci:Vb7Rq2Lz9Xp4@pypi.internal/simple pkg",
        ..DEF
    },
];
