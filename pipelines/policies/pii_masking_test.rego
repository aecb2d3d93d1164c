package mapwright.pii_masking_test

import rego.v1

import data.mapwright.pii_masking

email(steps) := {
	"target": {"name": "email", "raw_type": "TEXT", "nullable": true},
	"value": {"kind": "column", "alias": "s1"},
	"pii": ["email"], "steps": steps,
	"type_verdict": {"verdict": "same"},
}

mapping(src, dst, col) := {"mapping": {
	"pipeline": "p",
	"source": {"datasource": "shop", "class": src},
	"target": {"datasource": "dwh", "class": dst},
	"tables": [{"target": {"schema": "analytics", "name": "customers"}, "columns": [col]}],
}}

test_unmasked_pii_from_production_to_test_is_denied if {
	pii_masking.deny == {"analytics.customers.email: PII (email) from production datasource `shop` into test datasource `dwh` must be masked"} with input as mapping("production", "test", email([]))
}

test_masked_pii_is_allowed if {
	count(pii_masking.deny) == 0 with input as mapping("production", "test", email([{"kind": "mask", "mask": {"kind": "null"}}]))
}

test_production_to_production_is_allowed if {
	count(pii_masking.deny) == 0 with input as mapping("production", "production", email([]))
}

test_non_production_source_is_allowed if {
	count(pii_masking.deny) == 0 with input as mapping("staging", "test", email([]))
}
