//! Which schemas and tables discovery may see.
//!
//! A datasource profile limits what any pipeline may see (`[scope]`), and a
//! pipeline side narrows that further with its own `schemas`/`include`/`exclude`.
//! [`narrow`] combines the two without ever widening the datasource's limits;
//! [`Filter`] compiles the globs once and answers "is this schema / table in scope?".
//! System schemas are never in scope, whatever the globs say.
//!
//! Globs use globset syntax, case-sensitive. A table glob containing a `.` is
//! matched against `schema.table`, otherwise against the table name alone.

use crate::catalog::Engine;
use crate::config::Scope;
use crate::error::{Error, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};

/// Merge a datasource's scope with a pipeline side's selection. The result
/// sees only what both allow: the pipeline's globs apply within the datasource scope.
pub fn narrow(ds_scope: &Scope, schemas: &[String], include: &[String], exclude: &[String]) -> Scope {
    if schemas.is_empty() && include.is_empty() && exclude.is_empty() {
        return ds_scope.clone();
    }
    Scope {
        schemas: schemas.to_vec(),
        exclude_schemas: Vec::new(),
        include: include.to_vec(),
        exclude: exclude.to_vec(),
        within: Some(Box::new(ds_scope.clone())),
    }
}

/// Schemas that hold the engine's own catalog; never discovered.
pub fn is_system_schema(engine: Engine, name: &str) -> bool {
    match engine {
        Engine::Postgres => {
            name == "information_schema" || name.starts_with("pg_") // pg_catalog, pg_toast, pg_temp_N, …
        }
        Engine::Mysql => matches!(name, "information_schema" | "mysql" | "performance_schema" | "sys"),
        Engine::Sqlite => name == "temp",
        Engine::Snapshot => false,
    }
}

/// A compiled [`Scope`] (one layer per narrowing).
#[derive(Debug, Clone)]
pub struct Filter {
    engine: Engine,
    layers: Vec<Layer>,
}

#[derive(Debug, Clone)]
struct Layer {
    schemas: Option<GlobSet>,
    exclude_schemas: GlobSet,
    include: Option<TableGlobs>,
    exclude: TableGlobs,
    /// Literal schema names when every schema glob is a plain name (lets engines push the filter into SQL).
    literal_schemas: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
struct TableGlobs {
    bare: GlobSet,
    qualified: GlobSet,
}

impl TableGlobs {
    fn is_match(&self, schema: &str, table: &str) -> bool {
        self.bare.is_match(table)
            || (!self.qualified.is_empty() && self.qualified.is_match(format!("{schema}.{table}")))
    }
}

fn glob_set<'a>(field: &str, globs: impl IntoIterator<Item = &'a String>) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| {
            Error::config(format!("scope `{field}`: invalid glob `{g}`: {}", e.kind()))
                .with_hint("globs use `*`, `?`, `[abc]` and `{a,b}`; escape literal brackets as `[[]`")
        })?;
        b.add(glob);
    }
    b.build().map_err(|e| Error::config(format!("scope `{field}`: {e}")))
}

fn table_globs(field: &str, globs: &[String]) -> Result<TableGlobs> {
    let (qualified, bare): (Vec<&String>, Vec<&String>) = globs.iter().partition(|g| g.contains('.'));
    Ok(TableGlobs { bare: glob_set(field, bare)?, qualified: glob_set(field, qualified)? })
}

fn is_literal(g: &str) -> bool {
    !g.chars().any(|c| matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '\\'))
}

impl Layer {
    fn new(s: &Scope) -> Result<Layer> {
        Ok(Layer {
            schemas: if s.schemas.is_empty() { None } else { Some(glob_set("schemas", &s.schemas)?) },
            exclude_schemas: glob_set("exclude_schemas", &s.exclude_schemas)?,
            include: if s.include.is_empty() { None } else { Some(table_globs("include", &s.include)?) },
            exclude: table_globs("exclude", &s.exclude)?,
            literal_schemas: (!s.schemas.is_empty() && s.schemas.iter().all(|g| is_literal(g)))
                .then(|| s.schemas.clone()),
        })
    }

    fn schema(&self, name: &str) -> bool {
        self.schemas.as_ref().is_none_or(|g| g.is_match(name)) && !self.exclude_schemas.is_match(name)
    }

    fn table(&self, schema: &str, table: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(schema, table)) && !self.exclude.is_match(schema, table)
    }
}

impl Filter {
    /// Compile `scope` (and every scope it narrows) for `engine`. Invalid globs are config errors.
    pub fn new(engine: Engine, scope: &Scope) -> Result<Filter> {
        let mut layers = Vec::new();
        let mut cur = Some(scope);
        while let Some(s) = cur {
            layers.push(Layer::new(s)?);
            cur = s.within.as_deref();
        }
        Ok(Filter { engine, layers })
    }

    /// A filter that admits every non-system schema and table.
    pub fn all(engine: Engine) -> Filter {
        Filter { engine, layers: Vec::new() }
    }

    pub fn schema(&self, name: &str) -> bool {
        !is_system_schema(self.engine, name) && self.layers.iter().all(|l| l.schema(name))
    }

    pub fn table(&self, schema: &str, table: &str) -> bool {
        self.schema(schema) && self.layers.iter().all(|l| l.table(schema, table))
    }

    /// True when some layer filters tables by name (engines then filter relations before bulk reads).
    pub fn filters_tables(&self) -> bool {
        self.layers.iter().any(|l| l.include.is_some() || !l.exclude.bare.is_empty() || !l.exclude.qualified.is_empty())
    }

    /// True when some layer restricts schemas by name.
    pub fn has_schema_globs(&self) -> bool {
        self.layers.iter().any(|l| l.schemas.is_some())
    }

    /// The exact schema names in scope, when the scope names them literally (no globs):
    /// engines use it to skip listing schemas.
    pub fn literal_schemas(&self) -> Option<Vec<String>> {
        let lit = self.layers.iter().find_map(|l| l.literal_schemas.clone())?;
        Some(lit.into_iter().filter(|s| self.schema(s)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(schemas: &[&str], include: &[&str], exclude: &[&str]) -> Scope {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Scope { schemas: v(schemas), include: v(include), exclude: v(exclude), ..Scope::default() }
    }

    #[test]
    fn narrowing_never_widens_the_datasource_scope() {
        let ds = scope(&["sales", "hr"], &["order*"], &["*_tmp"]);
        let merged = narrow(&ds, &["sales".into(), "ops".into()], &["*s".into()], &["orders_old".into()]);
        let f = Filter::new(Engine::Postgres, &merged).expect("valid");
        assert!(f.table("sales", "orders"));
        assert!(!f.table("sales", "orders_old"), "pipeline exclude applies");
        assert!(!f.table("sales", "orderlines_tmp"), "datasource exclude applies");
        assert!(!f.table("sales", "customers"), "datasource include applies");
        assert!(!f.table("ops", "orders"), "pipeline cannot add a schema");
        assert!(!f.table("hr", "orders"), "pipeline narrows schemas");
        assert_eq!(f.literal_schemas(), Some(vec!["sales".to_string()]));
    }

    #[test]
    fn qualified_globs_system_schemas_and_bad_globs() {
        let f = Filter::new(Engine::Postgres, &scope(&[], &["public.a*", "b"], &[])).expect("valid");
        assert!(f.table("public", "abc") && f.table("x", "b") && !f.table("x", "abc"));
        assert!(!f.schema("pg_catalog") && !f.schema("information_schema"));
        assert!(!Filter::all(Engine::Mysql).schema("performance_schema"));
        let err = Filter::new(Engine::Postgres, &scope(&["[a"], &[], &[])).expect_err("invalid glob");
        assert!(err.message.contains("`[a`"), "{}", err.message);
    }
}
