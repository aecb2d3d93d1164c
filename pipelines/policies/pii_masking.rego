# PII read from a production datasource may leave production only masked.
#
# Denies every mapped column tagged as PII (`pii` non-empty) whose value comes
# from a `production` source and goes to a target of any other class without
# a mask step. Constants and unmapped columns carry no source data.
package mapwright.pii_masking

import rego.v1

deny contains msg if {
	input.mapping.source.class == "production"
	input.mapping.target.class != "production"
	some t in input.mapping.tables
	some c in t.columns
	count(object.get(c, "pii", [])) > 0
	not c.value.kind in {"none", "constant"}
	not masked(c)
	msg := sprintf("%s.%s.%s: PII (%s) from production datasource `%s` into %s datasource `%s` must be masked", [
		t.target.schema, t.target.name, c.target.name, concat(", ", c.pii),
		input.mapping.source.datasource, input.mapping.target.class, input.mapping.target.datasource,
	])
}

masked(c) if {
	some s in c.steps
	s.kind == "mask"
}
