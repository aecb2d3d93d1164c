# Required target columns must be mapped.
#
# A target column that is NOT NULL and has no default must receive a value;
# otherwise loading the target fails. Mapped columns, nullable columns and
# columns with a default pass, and so does SQLite's `INTEGER PRIMARY KEY`
# (an alias of the rowid, which SQLite assigns itself).
package mapwright.required_columns

import rego.v1

deny contains msg if {
	some t in input.mapping.tables
	some c in t.columns
	c.value.kind == "none"
	c.target.nullable == false
	object.get(c.target, "default", null) == null
	not sqlite_rowid(t, c)
	msg := sprintf("%s.%s.%s: required target column (NOT NULL, no default) is not mapped", [
		t.target.schema, t.target.name, c.target.name,
	])
}

sqlite_rowid(t, c) if {
	input.mapping.target.engine == "sqlite"
	c.target.pk_position == 1
	upper(c.target.raw_type) == "INTEGER"
	not composite_key(t)
}

composite_key(t) if {
	some other in t.columns
	object.get(other.target, "pk_position", 0) > 1
}
