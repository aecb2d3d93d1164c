package mapwright.lossy_casts_test

import rego.v1

import data.mapwright.lossy_casts

col(verdict, steps) := {
	"target": {"name": "amount", "raw_type": "INTEGER", "nullable": true},
	"value": {"kind": "column"},
	"steps": steps,
	"type_verdict": verdict,
}

mapping(c) := {"mapping": {"tables": [{"target": {"schema": "main", "name": "orders"}, "columns": [c]}]}}

test_narrowing_warns if {
	lossy_casts.warn == {"main.orders.amount: lossy conversion to INTEGER (scale 2 → 0)"} with input as mapping(col({"verdict": "narrowing", "why": "scale 2 → 0"}, []))
}

test_lossy_cast_step_warns if {
	count(lossy_casts.warn) == 1 with input as mapping(col({"verdict": "same"}, [{"kind": "cast", "lossy": true, "to": {"kind": "text"}}]))
}

test_widening_is_quiet if {
	count(lossy_casts.warn) == 0 with input as mapping(col({"verdict": "widening"}, [{"kind": "cast", "lossy": false, "to": {"kind": "text"}}]))
}
