//! The catalog SQL of the MySQL/MariaDB engine and the differences between the two flavors.
//!
//! Every column is `CAST` to `CHAR` or `SIGNED` so decoding does not depend on
//! the flavor's `information_schema` column types; every query takes the schema
//! as its one bind parameter.

pub const VERSION: &str = "SELECT CAST(VERSION() AS CHAR)";
pub const MARIADB_TIMEOUT: &str = "SET SESSION max_statement_time = ?";
pub const MYSQL_TIMEOUT: &str = "SET SESSION max_execution_time = ?";
pub const READ_ONLY: &str = "SET SESSION TRANSACTION READ ONLY";
pub const START: &str = "START TRANSACTION READ ONLY";
pub const HEADER: &str = "SELECT CAST(DATABASE() AS CHAR), CAST(VERSION() AS CHAR), CAST(CURRENT_USER() AS CHAR)";
pub const SCHEMATA: &str = "SELECT CAST(SCHEMA_NAME AS CHAR) FROM information_schema.SCHEMATA ORDER BY 1";

pub const TABLES: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_TYPE AS CHAR), CAST(TABLE_ROWS AS SIGNED), \
     CAST(COALESCE(TABLE_COMMENT, '') AS CHAR), CAST(COALESCE(CREATE_OPTIONS, '') AS CHAR), \
     CAST(COALESCE(TABLE_COLLATION, '') AS CHAR) \
     FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?";

pub const VIEWS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(VIEW_DEFINITION AS CHAR) \
     FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?";

pub const PARTITIONS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(MAX(PARTITION_METHOD) AS CHAR), \
     CAST(COALESCE(MAX(PARTITION_EXPRESSION), '') AS CHAR) \
     FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL GROUP BY TABLE_NAME";

pub const COLUMNS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(ORDINAL_POSITION AS SIGNED), \
     CAST(COLUMN_DEFAULT AS CHAR), CAST(IS_NULLABLE AS CHAR), CAST(DATA_TYPE AS CHAR), CAST(COLUMN_TYPE AS CHAR), \
     CAST(COLLATION_NAME AS CHAR), CAST(COALESCE(EXTRA, '') AS CHAR), CAST(COALESCE(COLUMN_COMMENT, '') AS CHAR), \
     CAST(GENERATION_EXPRESSION AS CHAR) \
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION";

pub const REFERENTIAL: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR), \
     CAST(UPDATE_RULE AS CHAR), CAST(DELETE_RULE AS CHAR) \
     FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?";

pub const KEY_COLUMNS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), \
     CAST(REFERENCED_TABLE_SCHEMA AS CHAR), CAST(REFERENCED_TABLE_NAME AS CHAR), CAST(REFERENCED_COLUMN_NAME AS CHAR) \
     FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? \
     ORDER BY TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME IS NULL, ORDINAL_POSITION";

/// MariaDB names checks per table (CHECK_CONSTRAINTS has TABLE_NAME).
const CHECKS_MARIADB: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR), CAST(CHECK_CLAUSE AS CHAR) \
     FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?";
/// MySQL 8 names checks per schema; the table comes from TABLE_CONSTRAINTS.
const CHECKS_MYSQL: &str = "SELECT CAST(tc.TABLE_NAME AS CHAR), CAST(cc.CONSTRAINT_NAME AS CHAR), CAST(cc.CHECK_CLAUSE AS CHAR) \
     FROM information_schema.TABLE_CONSTRAINTS tc \
     JOIN information_schema.CHECK_CONSTRAINTS cc \
       ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
     WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'";

/// MariaDB has no functional indexes (no EXPRESSION column).
const INDEXES_MARIADB: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS SIGNED), \
     CAST(COLUMN_NAME AS CHAR), CAST(INDEX_TYPE AS CHAR), CAST(NULL AS CHAR) \
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
const INDEXES_MYSQL: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS SIGNED), \
     CAST(COLUMN_NAME AS CHAR), CAST(INDEX_TYPE AS CHAR), CAST(EXPRESSION AS CHAR) \
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/// Which server family answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    MariaDb,
    MySql,
}

impl Flavor {
    pub fn of(version: &str) -> Flavor {
        if version.to_ascii_lowercase().contains("mariadb") { Flavor::MariaDb } else { Flavor::MySql }
    }

    pub fn checks_sql(self) -> &'static str {
        match self {
            Flavor::MariaDb => CHECKS_MARIADB,
            Flavor::MySql => CHECKS_MYSQL,
        }
    }

    pub fn indexes_sql(self) -> &'static str {
        match self {
            Flavor::MariaDb => INDEXES_MARIADB,
            Flavor::MySql => INDEXES_MYSQL,
        }
    }

    /// `COLUMN_DEFAULT` as an SQL expression. MariaDB already reports SQL (quoted
    /// literals, `NULL` for "no default"); MySQL 8 reports bare literals, which are
    /// quoted here unless `EXTRA` says the default is an expression.
    pub fn default_sql(self, default: Option<String>, data_type: &str, extra_lower: &str) -> Option<String> {
        let d = default?;
        match self {
            Flavor::MariaDb => (d != "NULL").then_some(d),
            Flavor::MySql if extra_lower.contains("default_generated") => Some(d),
            Flavor::MySql => {
                let numeric = matches!(
                    data_type,
                    "tinyint"
                        | "smallint"
                        | "mediumint"
                        | "int"
                        | "bigint"
                        | "decimal"
                        | "float"
                        | "double"
                        | "bit"
                        | "year"
                );
                Some(if numeric { d } else { format!("'{}'", d.replace('\'', "''")) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_become_sql_on_both_flavors() {
        assert_eq!(Flavor::of("10.11.6-MariaDB-0+deb12u1"), Flavor::MariaDb);
        assert_eq!(Flavor::of("8.0.36"), Flavor::MySql);
        assert_eq!(Flavor::MariaDb.default_sql(Some("NULL".into()), "int", ""), None);
        assert_eq!(Flavor::MariaDb.default_sql(Some("'it''s'".into()), "varchar", ""), Some("'it''s'".into()));
        assert_eq!(Flavor::MySql.default_sql(Some("it's".into()), "varchar", ""), Some("'it''s'".into()));
        assert_eq!(Flavor::MySql.default_sql(Some("7".into()), "int", ""), Some("7".into()));
        assert_eq!(
            Flavor::MySql.default_sql(Some("CURRENT_TIMESTAMP".into()), "timestamp", "default_generated"),
            Some("CURRENT_TIMESTAMP".into())
        );
    }
}
