# Lossy casts warn: a narrowing type verdict or a cast step marked lossy may
# lose information (length, precision, range, time zone). Reviewers decide.
package mapwright.lossy_casts

import rego.v1

warn contains msg if {
	some t in input.mapping.tables
	some c in t.columns
	lossy(c)
	msg := sprintf("%s.%s.%s: lossy conversion to %s (%s)", [
		t.target.schema, t.target.name, c.target.name, c.target.raw_type,
		object.get(c.type_verdict, "why", "narrowing"),
	])
}

lossy(c) if c.type_verdict.verdict == "narrowing"

lossy(c) if {
	some s in c.steps
	s.kind == "cast"
	s.lossy == true
}
