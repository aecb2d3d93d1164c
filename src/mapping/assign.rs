//! One global 1:1 assignment: the Hungarian algorithm (Kuhn–Munkres).
//!
//! Picking the best target per source column greedily lets one strong
//! column steal a weaker column's only good partner; the Hungarian method
//! maximizes the total score over the whole table pair instead, so each
//! column gets the partner that is best for the table as a whole.

/// Assign rows to columns maximizing the summed score. `scores[r][c]` ≥ 0;
/// pairs scoring below `min` are never returned. Returns `(row, col)` sorted by row.
pub fn hungarian(scores: &[Vec<f64>], min: f64) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let cols = scores.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let transpose = rows > cols;
    let (n, m) = if transpose { (cols, rows) } else { (rows, cols) };
    let at = |i: usize, j: usize| if transpose { scores[j][i] } else { scores[i][j] };
    // Minimize cost = -score on an n × m matrix with n ≤ m (1-based potentials, e-maxx formulation).
    let cost = |i: usize, j: usize| {
        let s = at(i, j);
        if s >= min { -s } else { 0.0 }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out: Vec<(usize, usize)> = (1..=m)
        .filter(|&j| p[j] != 0)
        .map(|j| (p[j] - 1, j - 1))
        .filter(|&(i, j)| at(i, j) >= min)
        .map(|(i, j)| if transpose { (j, i) } else { (i, j) })
        .collect();
    out.sort_unstable();
    out
}

/// Greedy 1:1 assignment for large sparse candidate lists: best score first,
/// ties broken by the given order. A ½-approximation of the optimum, used for
/// table pairing where the matrix would be too big for the Hungarian method.
pub fn greedy(mut candidates: Vec<(usize, usize, f64)>) -> Vec<(usize, usize, f64)> {
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| (a.0, a.1).cmp(&(b.0, b.1))));
    let (mut used_r, mut used_c) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    let mut out = Vec::new();
    for (r, c, s) in candidates {
        if !used_r.contains(&r) && !used_c.contains(&c) {
            used_r.insert(r);
            used_c.insert(c);
            out.push((r, c, s));
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out
}

/// Margin over the best rival at which the [`max_delta`] raise is full.
const MAX_DELTA_FULL_MARGIN: f64 = 0.4;
/// Alternatives a match must have beaten for the full raise.
const MAX_DELTA_FULL_ALTERNATIVES: f64 = 8.0;
/// Share of the remaining doubt (1 − score) a full margin removes.
const MAX_DELTA_GAIN: f64 = 0.7;

/// Confidence of an assigned pair given its best rival (the best other score in its row or
/// column), after COMA's MaxDelta selection: a match that is clearly the best for both of
/// its sides is more likely right than its evidence alone says; one with a close rival is
/// not raised at all, and evidence below `floor` never is.
///
/// `alternatives` is how many other pairs the match competed with (the rest of its row and
/// column); a margin over few alternatives says little, so the raise grows with them up to
/// [`MAX_DELTA_FULL_ALTERNATIVES`]. Used for column matches and for table pairs.
pub fn max_delta(score: f64, rival: f64, alternatives: usize, floor: f64) -> f64 {
    if score < floor || rival >= score {
        return score;
    }
    let margin = ((score - rival) / MAX_DELTA_FULL_MARGIN).min(1.0);
    let breadth = (alternatives as f64 / MAX_DELTA_FULL_ALTERNATIVES).min(1.0);
    score + (1.0 - score) * margin * breadth * MAX_DELTA_GAIN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_delta_raises_only_clear_winners_among_many() {
        assert_eq!(max_delta(0.5, 0.0, 20, 0.6), 0.5, "weak evidence is never raised");
        assert_eq!(max_delta(0.75, 0.75, 20, 0.6), 0.75, "a tie is not raised");
        let clear = max_delta(0.75, 0.2, 20, 0.6);
        let close = max_delta(0.75, 0.65, 20, 0.6);
        let few = max_delta(0.75, 0.2, 2, 0.6);
        assert!(clear > 0.9 && clear < 1.0, "{clear}");
        assert!(close > 0.75 && close < clear, "{close}");
        assert!(few > 0.75 && few < clear, "few alternatives, small raise: {few}");
        assert!(max_delta(0.99, 0.0, 20, 0.6) <= 1.0);
    }

    #[test]
    fn hungarian_beats_greedy_on_a_contested_column() {
        // Greedy would give row 0 → col 0 (0.9) and leave row 1 with 0.1; optimum is 0.8 + 0.85.
        let s = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert_eq!(hungarian(&s, 0.3), vec![(0, 1), (1, 0)]);
        let g = greedy(vec![(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.85), (1, 1, 0.1)]);
        assert_eq!(g.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(), vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn rectangular_and_minimum() {
        let s = vec![vec![0.2], vec![0.9], vec![0.5]];
        assert_eq!(hungarian(&s, 0.3), vec![(1, 0)]);
        let s = vec![vec![0.1, 0.2, 0.95]];
        assert_eq!(hungarian(&s, 0.3), vec![(0, 2)]);
        assert!(hungarian(&[vec![0.1, 0.2]], 0.3).is_empty());
        assert!(hungarian(&[], 0.3).is_empty());
    }
}
