package mapwright.required_columns_test

import rego.v1

import data.mapwright.required_columns

col(kind, nullable, extra) := object.union(
	{"target": {"name": "id", "raw_type": "INTEGER", "nullable": nullable}, "value": {"kind": kind}},
	extra,
)

mapping(c) := {"mapping": {"tables": [{"target": {"schema": "main", "name": "orders"}, "columns": [c]}]}}

test_unmapped_not_null_without_default_is_denied if {
	required_columns.deny == {"main.orders.id: required target column (NOT NULL, no default) is not mapped"} with input as mapping(col("none", false, {}))
}

test_mapped_required_column_is_allowed if {
	count(required_columns.deny) == 0 with input as mapping(col("column", false, {}))
}

test_unmapped_nullable_is_allowed if {
	count(required_columns.deny) == 0 with input as mapping(col("none", true, {}))
}

test_unmapped_with_default_is_allowed if {
	count(required_columns.deny) == 0 with input as mapping(object.union(col("none", false, {}), {"target": {"name": "id", "nullable": false, "default": "0"}}))
}

key(pk) := {"target": {"name": "id", "raw_type": "INTEGER", "nullable": false, "pk_position": pk}, "value": {"kind": "none"}}

on(engine, cols) := {"mapping": {
	"target": {"engine": engine},
	"tables": [{"target": {"schema": "main", "name": "orders"}, "columns": cols}],
}}

test_sqlite_integer_primary_key_is_assigned_by_sqlite if {
	count(required_columns.deny) == 0 with input as on("sqlite", [key(1)])
}

test_composite_or_non_sqlite_keys_are_required if {
	count(required_columns.deny) == 1 with input as on("postgres", [key(1)])
	count(required_columns.deny) == 2 with input as on("sqlite", [key(1), object.union(key(2), {"target": {"name": "line"}})])
}
