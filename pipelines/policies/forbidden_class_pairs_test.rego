package mapwright.forbidden_class_pairs_test

import rego.v1

import data.mapwright.forbidden_class_pairs

doc(pairs) := {
	"mapping": {
		"pipeline": "p",
		"source": {"datasource": "shop", "class": "production"},
		"target": {"datasource": "sandbox", "class": "development"},
	},
	"datasources": {"shop": {"class": "production"}, "sandbox": {"class": "development"}},
	"settings": {"forbidden_class_pairs": pairs},
}

test_forbidden_pair_is_denied if {
	count(forbidden_class_pairs.deny) == 1 with input as doc([["production", "development"]])
}

test_reverse_pair_is_allowed if {
	count(forbidden_class_pairs.deny) == 0 with input as doc([["development", "production"]])
}

test_no_pairs_allow_everything if {
	count(forbidden_class_pairs.deny) == 0 with input as doc([])
}
