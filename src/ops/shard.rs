//! `--shard i/n`: split the pipelines of one workspace across CI jobs.
//!
//! A pipeline's shard depends only on its path and `n` (rendezvous hashing:
//! the shard whose `sha256(path, shard)` score is highest wins), never on its
//! position in the tree. So the shards `1/n … n/n` partition the pipelines
//! exactly, adding or removing a pipeline never moves any other one, and going
//! from `n` to `n+1` shards only moves pipelines onto the new shard — nightly
//! matrices keep each pipeline's history on the same job.
//!
//! Numbering is 1-based (`1/4 … 4/4`), the way people and CI matrices count.
//! A Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` is 0-based: pass
//! `--shard $((JOB_COMPLETION_INDEX + 1))/$N` (see docs/operations.md).

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};

/// Parse `--shard i/n` into `(index, count)` with `1 <= index <= count`.
pub fn parse(spec: &str) -> Result<(usize, usize)> {
    let Some((i, n)) = spec.trim().split_once('/') else {
        return Err(Error::usage(format!("--shard `{spec}`: expected i/n")).with_hint(USAGE_HINT));
    };
    let number = |part: &str, what: &str| {
        part.trim().parse::<usize>().map_err(|_| {
            Error::usage(format!("--shard `{spec}`: the {what} `{}` is not a whole number", part.trim()))
                .with_hint(USAGE_HINT)
        })
    };
    let (index, count) = (number(i, "index")?, number(n, "count")?);
    if count == 0 {
        return Err(Error::usage(format!("--shard `{spec}`: the shard count must be at least 1")).with_hint(USAGE_HINT));
    }
    if index == 0 || index > count {
        return Err(
            Error::usage(format!("--shard `{spec}`: the index must be between 1 and {count}")).with_hint(USAGE_HINT)
        );
    }
    Ok((index, count))
}

const USAGE_HINT: &str = "write --shard i/n with 1 <= i <= n, e.g. --shard 2/4 \
                          (Kubernetes Indexed Jobs: --shard $((JOB_COMPLETION_INDEX + 1))/N)";

/// The items of shard `index` (1-based) of `count`, in their original order;
/// `key` gives each item's pipeline path. An index outside `1..=count` selects nothing.
pub fn shard<T>(items: &[T], key: impl Fn(&T) -> &str, index: usize, count: usize) -> Vec<&T> {
    items.iter().filter(|item| count > 0 && shard_of(key(item), count) == index).collect()
}

/// The 1-based shard of `count` that owns `path` (the highest rendezvous score wins).
pub fn shard_of(path: &str, count: usize) -> usize {
    (1..=count).max_by_key(|&shard| (score(path, shard), std::cmp::Reverse(shard))).unwrap_or(1)
}

/// Rendezvous score of `(path, shard)`: the first 8 bytes of a sha256, stable
/// across platforms and releases (std's hasher is neither).
fn score(path: &str, shard: usize) -> u64 {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update([0]);
    h.update((shard as u64).to_be_bytes());
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Deterministic, varied pipeline paths (a small LCG, so the tests are reproducible).
    fn paths(n: usize, seed: u64) -> Vec<String> {
        let teams = ["sales", "finance", "hr", "ops", "Marketing EU", "ünïcode"];
        let mut x = seed;
        (0..n)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let team = teams[(x >> 33) as usize % teams.len()];
                format!("pipelines/{team}/p{i}_{:x}.toml", x >> 40)
            })
            .collect()
    }

    fn partition(items: &[String], count: usize) -> Vec<Vec<&String>> {
        (1..=count).map(|i| shard(items, |p| p, i, count)).collect()
    }

    #[test]
    fn shards_partition_exactly_for_every_count() {
        for (size, seed) in [(0, 1), (1, 2), (7, 3), (50, 4), (333, 5)] {
            let items = paths(size, seed);
            for count in 1..=12 {
                let shards = partition(&items, count);
                let mut seen = BTreeSet::new();
                for shard in &shards {
                    for p in shard {
                        assert!(seen.insert(p.as_str()), "{p} in two shards (n={count})");
                    }
                }
                let all: BTreeSet<&str> = items.iter().map(String::as_str).collect();
                assert_eq!(seen, all, "pipelines lost with n={count}, size={size}");
            }
        }
    }

    #[test]
    fn adding_or_removing_a_pipeline_moves_no_other() {
        let items = paths(200, 42);
        for count in [2, 3, 5, 8] {
            let before: BTreeMap<&str, usize> = items.iter().map(|p| (p.as_str(), shard_of(p, count))).collect();
            let mut grown = items.clone();
            grown.insert(17, "pipelines/new_team/brand_new.toml".to_string());
            grown.remove(150);
            for index in 1..=count {
                for p in shard(&grown, |p| p, index, count) {
                    if let Some(&old) = before.get(p.as_str()) {
                        assert_eq!(old, index, "{p} moved from shard {old} to {index} (n={count})");
                    }
                }
            }
        }
    }

    #[test]
    fn one_more_shard_only_moves_pipelines_onto_the_new_shard() {
        let items = paths(300, 7);
        for count in 1..10 {
            for p in &items {
                let (old, new) = (shard_of(p, count), shard_of(p, count + 1));
                assert!(new == old || new == count + 1, "{p}: {old}/{count} → {new}/{}", count + 1);
            }
        }
    }

    #[test]
    fn shards_are_balanced() {
        let items = paths(2000, 9);
        for count in [2, 4, 8] {
            let expected = items.len() / count;
            for (i, shard) in partition(&items, count).iter().enumerate() {
                let dev = shard.len().abs_diff(expected);
                assert!(dev * 5 < expected, "shard {}/{count} has {} of {}", i + 1, shard.len(), items.len());
            }
        }
    }

    #[test]
    fn selection_keeps_input_order() {
        let items = paths(40, 11);
        let picked = shard(&items, |p| p, 2, 3);
        let positions: Vec<usize> = picked.iter().map(|p| items.iter().position(|q| q == *p).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn parses_i_of_n() {
        assert_eq!(parse("2/4").unwrap(), (2, 4));
        assert_eq!(parse(" 1 / 1 ").unwrap(), (1, 1));
    }

    #[test]
    fn out_of_range_index_selects_nothing() {
        let items = paths(20, 3);
        assert!(shard(&items, |p| p, 0, 3).is_empty());
        assert!(shard(&items, |p| p, 4, 3).is_empty());
        assert!(shard(&items, |p| p, 1, 0).is_empty());
    }

    #[test]
    fn rejects_bad_shards_with_a_hint() {
        for (input, needle) in [
            ("0/4", "between 1 and 4"),
            ("5/4", "between 1 and 4"),
            ("1/0", "at least 1"),
            ("2", "expected i/n"),
            ("a/4", "index `a`"),
            ("1/-3", "count `-3`"),
        ] {
            let err = parse(input).unwrap_err();
            assert_eq!(err.class, crate::error::Class::Usage, "{input}");
            assert!(err.message.contains(needle), "{input}: {}", err.message);
            assert!(err.hint.as_deref().unwrap_or("").contains("JOB_COMPLETION_INDEX"), "{input}");
        }
    }
}
