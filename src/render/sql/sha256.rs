//! SHA-256 in plain SQLite SQL.
//!
//! SQLite ships no hash function, and a load script cannot rely on loadable
//! extensions being present. So that masked values are the *same* on every
//! engine (joins across a PostgreSQL and a SQLite copy still line up) and as
//! strong as on the other dialects, the SQLite dialect computes SHA-256 (FIPS
//! 180-4) with a correlated recursive CTE: one row per phase of each of the
//! 64 rounds per 512-bit block. SQLite integers are 64-bit, so 32-bit words
//! stay exact; XOR is `(a | b) - (a & b)`. Cost is ~200 CTE rows per value
//! (a few thousand values per second), which is fine for masking loads.

/// Mask of the low 32 bits.
const M: &str = "4294967295";

/// Initial hash values H0..H7.
const IV: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// Round constants K0..K63.
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

fn rotr(x: &str, n: u32) -> String {
    format!("(({x} >> {n}) | (({x} << {}) & {M}))", 32 - n)
}

fn xor(a: &str, b: &str) -> String {
    format!("(({a} | {b}) - ({a} & {b}))")
}

fn xor3(a: &str, b: &str, c: &str) -> String {
    xor(&xor(a, b), c)
}

/// 32-bit big-endian word from 8 hex digits of `s` starting at 1-based position `pos`.
fn word(s: &str, pos: &str) -> String {
    (0..8)
        .map(|k| format!("((instr('0123456789ABCDEF', substr({s}, {pos} + {k}, 1)) - 1) << {})", 28 - 4 * k))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A scalar SQLite expression: lowercase hex SHA-256 of the UTF-8 bytes of text `x`
/// (NULL when `x` is NULL). `x` is evaluated once.
pub fn sqlite_sha256_hex(x: &str) -> String {
    let k_hex: String = K.iter().map(|k| format!("{k:08X}")).collect();
    let iv = IV.map(|v| v.to_string());
    let st = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let hs = ["h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7"];
    let ws: Vec<String> = (0..16).map(|i| format!("w{i}")).collect();

    // Phase 0: shift the message-schedule window and append W[t].
    let sigma0 = xor3(&rotr("w1", 7), &rotr("w1", 18), "(w1 >> 3)");
    let sigma1 = xor3(&rotr("w14", 17), &rotr("w14", 19), "(w14 >> 10)");
    let w_t = format!(
        "CASE WHEN t < 16 THEN ({}) ELSE ({sigma1} + w9 + {sigma0} + w0) & {M} END",
        word("m.p", "blk * 128 + t * 8 + 1")
    );
    // Phase 1: T1 into y, T2 into z.
    let big_s1 = xor3(&rotr("e", 6), &rotr("e", 11), &rotr("e", 25));
    let big_s0 = xor3(&rotr("a", 2), &rotr("a", 13), &rotr("a", 22));
    let ch = format!("((e & f) | (({M} - e) & g))");
    let maj = "((a & b) | (a & c) | (b & c))";
    let t1 = format!("(h + {big_s1} + {ch} + ({}) + w15) & {M}", word(&format!("'{k_hex}'"), "t * 8 + 1"));
    let t2 = format!("({big_s0} + {maj}) & {M}");

    let mut cols: Vec<String> = Vec::new();
    // Window columns change only in phase 0.
    for i in 0..16 {
        let next = if i < 15 { ws[i + 1].clone() } else { w_t.clone() };
        cols.push(format!("CASE WHEN ph = 0 THEN {next} ELSE {} END", ws[i]));
    }
    cols.push(format!("CASE WHEN ph = 1 THEN {t1} ELSE y END"));
    cols.push(format!("CASE WHEN ph = 1 THEN {t2} ELSE z END"));
    // State a..h: rotated in phase 2, reset to the new hash values in phase 3.
    let rotated = [
        format!("(y + z) & {M}"),
        "a".into(),
        "b".into(),
        "c".into(),
        format!("(d + y) & {M}"),
        "e".into(),
        "f".into(),
        "g".into(),
    ];
    for i in 0..8 {
        cols.push(format!(
            "CASE ph WHEN 2 THEN {} WHEN 3 THEN ({} + {}) & {M} ELSE {} END",
            rotated[i], hs[i], st[i], st[i]
        ));
    }
    for i in 0..8 {
        cols.push(format!("CASE WHEN ph = 3 THEN ({} + {}) & {M} ELSE {} END", hs[i], st[i], hs[i]));
    }
    cols.push("CASE WHEN ph = 3 THEN blk + 1 ELSE blk END".into());
    cols.push("CASE WHEN ph = 3 THEN 0 WHEN ph = 2 THEN t + 1 ELSE t END".into());
    cols.push("CASE WHEN ph = 2 AND t = 63 THEN 3 WHEN ph = 3 THEN 0 ELSE (ph + 1) % 3 END".into());

    let names: Vec<String> = ws
        .iter()
        .cloned()
        .chain(["y".to_string(), "z".to_string()])
        .chain(st.iter().map(|s| s.to_string()))
        .chain(hs.iter().map(|s| s.to_string()))
        .chain(["blk".to_string(), "t".to_string(), "ph".to_string()])
        .collect();
    let seed: Vec<String> = (0..16)
        .map(|_| "0".to_string())
        .chain(["0".to_string(), "0".to_string()])
        .chain(iv.iter().cloned())
        .chain(iv.iter().cloned())
        .chain(["0".to_string(), "0".to_string(), "0".to_string()])
        .collect();
    let fmt = hs.iter().map(|_| "%08x").collect::<String>();
    format!(
        "(WITH RECURSIVE mw_in(hx, n) AS (SELECT hex(CAST(({x}) AS BLOB)), length(CAST(({x}) AS BLOB)) WHERE ({x}) IS NOT NULL), \
         m(p, nb) AS (SELECT hx || '80' || hex(zeroblob(((55 - n) % 64 + 64) % 64)) || printf('%016X', n * 8), \
         (n + 72) / 64 FROM mw_in), \
         r({names}) AS (SELECT {seed} UNION ALL SELECT {cols} FROM r, m WHERE r.blk < m.nb) \
         SELECT printf('{fmt}', {hs}) FROM r, m WHERE r.blk = m.nb)",
        names = names.join(", "),
        seed = seed.join(", "),
        cols = cols.join(", "),
        hs = hs.join(", "),
    )
}
