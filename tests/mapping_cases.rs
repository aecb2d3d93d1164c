//! Table inference on whole schemas from `bench/heldout` (real SQLite files, the binary end to
//! end): combinations that only show up in a realistic schema.

mod support;

use support::{Workspace, assert_exit};

/// A workspace with the case's `source.sql`/`target.sql` loaded into two SQLite files and one
/// rule-less pipeline; returns the exported mapping.
async fn map_case(case: &str) -> serde_json::Value {
    let ws = Workspace::from_case(&format!("bench/heldout/{case}")).await;
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
