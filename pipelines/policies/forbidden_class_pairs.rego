# A pipeline may not map between datasources of a forbidden class pair.
#
# Pairs are `[source_class, target_class]` from `access.forbidden_class_pairs`
# in pipelines/mapwright.toml, e.g. `[["production", "development"]]`. Classes
# come from the datasource profiles.
package mapwright.forbidden_class_pairs

import rego.v1

deny contains msg if {
	src := class_of(input.mapping.source)
	dst := class_of(input.mapping.target)
	some pair in input.settings.forbidden_class_pairs
	pair == [src, dst]
	msg := sprintf("pipeline `%s` maps %s datasource `%s` into %s datasource `%s`: the class pair is forbidden by access.forbidden_class_pairs", [
		input.mapping.pipeline, src, input.mapping.source.datasource, dst, input.mapping.target.datasource,
	])
}

class_of(endpoint) := input.datasources[endpoint.datasource].class

class_of(endpoint) := endpoint.class if not input.datasources[endpoint.datasource]
