//! `mapwright discover <datasource>`: connection test + schema discovery.
//!
//! Prints the catalog as a readable tree (default) or as the canonical Catalog
//! JSON; `--out FILE` saves a snapshot that a `snapshot` datasource can load.

use super::Ctx;
use crate::catalog::{Catalog, Column, Table};
use crate::config::{Scope, Workspace};
use crate::discover::{self, Request, scope};
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Datasource profile name (file stem in pipelines/datasources/).
    pub datasource: String,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Save the catalog JSON (a snapshot) to FILE instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// List the databases on the server instead of discovering one.
    #[arg(long)]
    pub databases: bool,
    /// Narrow to what this pipeline sees of the datasource (its schemas/include/exclude).
    #[arg(long, value_name = "NAME")]
    pub pipeline: Option<String>,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let ds = ws.datasource(&args.datasource)?;
    let url = ds.resolve_url(&ws.root)?;
    let scope = match &args.pipeline {
        Some(name) => pipeline_scope(&ws, name, &args.datasource)?,
        None => ds.spec.scope.clone(),
    };
    let req = Request {
        datasource: &ds.name,
        engine: ds.spec.engine,
        url: &url,
        url_env: ds.spec.url_env.as_deref(),
        scope: &scope,
        connection: &ds.spec.connection,
    };
    if args.databases {
        let dbs = discover::databases(&req).await?;
        match args.format {
            OutputFormat::Json => println!("{}", serde_json::Value::from(dbs)),
            OutputFormat::Text => dbs.iter().for_each(|d| println!("{d}")),
        }
        return Ok(0);
    }
    let cat = discover::discover(&req).await?;
    if let Some(out) = &args.out {
        let path = if out.is_absolute() { out.clone() } else { std::env::current_dir().unwrap_or_default().join(out) };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "create directory", e))?;
        }
        std::fs::write(&path, cat.to_json()).map_err(|e| Error::io(&path, "write", e))?;
        println!(
            "saved {} table(s), {} column(s) of `{}` to {} ({})",
            cat.table_count(),
            cat.column_count(),
            ds.name,
            out.display(),
            cat.digest()
        );
        return Ok(0);
    }
    match args.format {
        OutputFormat::Json => {
            use std::io::Write;
            std::io::stdout().write_all(&cat.to_json()).map_err(|e| Error::internal(format!("stdout: {e}")))?;
        }
        OutputFormat::Text => print!("{}", tree(&cat)),
    }
    Ok(0)
}

/// The datasource scope narrowed by each side of `pipeline` that uses `datasource`.
fn pipeline_scope(ws: &Workspace, pipeline: &str, datasource: &str) -> Result<Scope> {
    let p = ws.select(&[pipeline.to_string()])?.into_iter().next().ok_or_else(|| Error::usage("no pipeline"))?;
    let ds_scope = &ws.datasource(datasource)?.spec.scope;
    let (src, tgt) = (&p.spec.source, &p.spec.target);
    if src.datasource == datasource {
        Ok(scope::narrow(ds_scope, &src.schemas, &src.include, &src.exclude))
    } else if tgt.datasource == datasource {
        let schemas: Vec<String> = tgt.schema.iter().cloned().collect();
        Ok(scope::narrow(ds_scope, &schemas, &tgt.include, &tgt.exclude))
    } else {
        Err(Error::usage(format!("pipeline `{pipeline}` does not use datasource `{datasource}`"))
            .with_hint(format!("it reads `{}` and writes `{}`", src.datasource, tgt.datasource)))
    }
}

/// Human-readable tree: schema → table → columns, keys, indexes.
pub fn tree(cat: &Catalog) -> String {
    let mut s = String::new();
    let version = cat.server_version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "{} ({}{}) database {}: {} table(s), {} column(s)",
        cat.datasource,
        cat.engine,
        version,
        cat.database,
        cat.table_count(),
        cat.column_count()
    );
    for schema in &cat.schemas {
        let _ = writeln!(s, "schema {}{}", schema.name, comment(&schema.comment));
        for e in &schema.enums {
            let _ = writeln!(s, "  enum {} ({})", e.name, e.labels.join(", "));
        }
        for t in &schema.tables {
            table_tree(&mut s, t);
        }
    }
    s
}

fn comment(c: &Option<String>) -> String {
    c.as_deref().map(|c| format!("  -- {}", c.replace('\n', " "))).unwrap_or_default()
}

fn table_tree(s: &mut String, t: &Table) {
    let kind = serde_json::to_value(t.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let rows = t.row_estimate.map(|r| format!(", rows≈{r}")).unwrap_or_default();
    let _ = writeln!(s, "  {} ({kind}{rows}){}", t.name, comment(&t.comment));
    if let Some(p) = &t.partition_of {
        let bound = p.bound.as_deref().unwrap_or("");
        let _ = writeln!(s, "    partition of {}.{} {bound}", p.schema, p.table);
    }
    if let Some(k) = &t.partition_key {
        let _ = writeln!(s, "    partition by {k}");
    }
    let width = t.columns.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
    let twidth = t.columns.iter().map(|c| c.raw_type.chars().count()).max().unwrap_or(0);
    for c in &t.columns {
        let _ = writeln!(s, "    {:width$}  {:twidth$}  {}", c.name, c.raw_type, column_flags(t, c));
    }
    if let Some(pk) = &t.primary_key {
        let _ = writeln!(s, "    primary key {} ({})", pk.name, pk.columns.join(", "));
    }
    for u in &t.unique_constraints {
        let _ = writeln!(s, "    unique {} ({})", u.name, u.columns.join(", "));
    }
    for f in &t.foreign_keys {
        let mut actions = String::new();
        if let Some(a) = &f.on_delete {
            let _ = write!(actions, " on delete {}", a.to_lowercase());
        }
        if let Some(a) = &f.on_update {
            let _ = write!(actions, " on update {}", a.to_lowercase());
        }
        let _ = writeln!(
            s,
            "    foreign key {} ({}) → {}.{} ({}){actions}",
            f.name,
            f.columns.join(", "),
            f.referenced_schema,
            f.referenced_table,
            f.referenced_columns.join(", ")
        );
    }
    for c in &t.checks {
        let _ = writeln!(s, "    check {}: {}", c.name, c.expression.replace('\n', " "));
    }
    for i in &t.indexes {
        let unique = if i.unique { "unique " } else { "" };
        let method = i.method.as_deref().map(|m| format!(" using {m}")).unwrap_or_default();
        let pred = i.predicate.as_deref().map(|p| format!(" where {p}")).unwrap_or_default();
        let _ = writeln!(s, "    {unique}index {}{method} ({}){pred}", i.name, i.columns.join(", "));
    }
}

fn column_flags(t: &Table, c: &Column) -> String {
    let mut f = vec![if c.nullable { "null".to_string() } else { "not null".to_string() }];
    if let Some(p) = t.pk_position(&c.name) {
        f.push(format!("pk{p}"));
    }
    if c.auto_increment {
        f.push("auto".into());
    }
    if let Some(d) = &c.default {
        f.push(format!("default {d}"));
    }
    if let Some(g) = &c.generated {
        f.push(format!("generated ({g})"));
    }
    if let Some(col) = &c.collation {
        f.push(format!("collate {col}"));
    }
    let mut out = f.join("  ");
    out.push_str(&comment(&c.comment));
    out
}
