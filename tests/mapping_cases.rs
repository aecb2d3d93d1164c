//! Table inference on whole schemas from `bench/heldout` (real SQLite files, the binary end to
//! end): combinations that only show up in a realistic schema.

mod support;

use sqlx::{ConnectOptions, Connection, Executor, sqlite::SqliteConnectOptions};
use support::{Workspace, assert_exit};

/// A workspace with the case's `source.sql`/`target.sql` loaded into two SQLite files and one
/// rule-less pipeline; returns the exported mapping.
async fn map_case(case: &str) -> serde_json::Value {
    let ws = Workspace::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/heldout").join(case);
    std::fs::create_dir_all(ws.path().join("data")).expect("mkdir");
    for side in ["source", "target"] {
        let ddl = std::fs::read_to_string(dir.join(format!("{side}.sql"))).expect("case sql");
        let db = ws.path().join(format!("data/{side}.db"));
        let mut c = SqliteConnectOptions::new().filename(&db).create_if_missing(true).connect().await.expect("db");
        let ddl: &'static str = Box::leak(ddl.into_boxed_str()); // sqlx takes static SQL
        c.execute(ddl).await.expect("load ddl");
        c.close().await.expect("close");
        ws.write(
            &format!("pipelines/datasources/{side}.toml"),
            &format!("engine = \"sqlite\"\nurl = \"sqlite://data/{side}.db\"\nclass = \"test\"\ngrants = [\"pipelines/**\"]\n"),
        );
    }
    ws.write(
        "pipelines/bench/case.toml",
        "name = \"case\"\noutputs = [\"mapping.json\"]\n[source]\ndatasource = \"source\"\n[target]\ndatasource = \"target\"\n",
    );
    assert_exit(&ws.run(&["run", "--allow-unreviewed"]), 0);
    serde_json::from_str(&ws.read("exports/case/v1/mapping.json")).expect("mapping json")
}

fn sources_of(mapping: &serde_json::Value, target: &str) -> Vec<String> {
    let t = mapping["tables"].as_array().expect("tables").iter().find(|t| t["target"]["name"] == target);
    let t = t.unwrap_or_else(|| panic!("no plan for {target}"));
    t["sources"].as_array().expect("sources").iter().map(|s| s["table"]["name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn another_entitys_table_is_not_unioned_in_for_its_address_columns() {
    // Chinook: `Customer` has City/Country/PostalCode like `orders`' billing address, and its
    // key `CustomerId` matches `orders.client_id` — a reference to `clients`, where its rows go.
    let m = map_case("chinook-to-music-catalog").await;
    assert_eq!(sources_of(&m, "orders"), ["Invoice"]);
    assert_eq!(sources_of(&m, "clients"), ["Customer"]);
    // Northwind: `Employees` already makes up `sales_reps`, better than it fits `accounts`.
    let m = map_case("northwind-to-crm").await;
    assert_eq!(sources_of(&m, "accounts"), ["Customers"]);
    assert_eq!(sources_of(&m, "sales_reps"), ["Employees"]);
    // `Customers` has every column `Suppliers` has, but `vendors` names suppliers.
    assert_eq!(sources_of(&m, "vendors"), ["Suppliers"]);
}
