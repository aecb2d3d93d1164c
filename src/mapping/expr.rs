//! The portable expression language of `expr` and `filter` rules.
//!
//! Small on purpose so every SQL dialect can render it: literals (`'text'`,
//! `42`, `1.5`, `true`, `null`), columns (`name`, `table.name`), calls to a
//! fixed function set, arithmetic (`+ - * /`), `||` (concat), comparisons
//! (`= != <> < <= > >=`), `is [not] null`, `not`, `and`, `or`, parentheses.
//! Column references are parsed with the table qualifier as written
//! (`alias` = table name or empty); the mapping stage resolves them to
//! source aliases.

use super::model::{Expr, Literal};

/// Functions every dialect renders.
pub const FUNCTIONS: &[&str] = &[
    "abs", "coalesce", "concat", "length", "lower", "ltrim", "nullif", "replace", "round", "rtrim", "substr", "trim",
    "upper",
];

/// A parse error with the character offset in the expression text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Op(String),
    LParen,
    RParen,
    Comma,
    Dot,
}

fn lex(text: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset, m: &str| ParseError { offset, message: m.to_string() };
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            out.push((off, Tok::Ident(chars[start..i].iter().map(|x| x.1).collect())));
        } else if c == '"' || c == '`' {
            // Quoted identifier.
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(err(off, "unterminated quoted identifier")),
                    Some(&(_, q)) if q == c => {
                        i += 1;
                        break;
                    }
                    Some(&(_, ch)) => s.push(ch),
                }
                i += 1;
            }
            out.push((off, Tok::Ident(s)));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.') {
                i += 1;
            }
            out.push((off, Tok::Num(chars[start..i].iter().map(|x| x.1).collect())));
        } else if c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(err(off, "unterminated string literal")),
                    Some((_, '\'')) if chars.get(i + 1).is_some_and(|x| x.1 == '\'') => {
                        s.push('\'');
                        i += 2;
                    }
                    Some((_, '\'')) => {
                        i += 1;
                        break;
                    }
                    Some(&(_, ch)) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((off, Tok::Str(s)));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().map(|x| x.1).collect();
            let tok = match two.as_str() {
                "<=" | ">=" | "!=" | "<>" | "||" => {
                    i += 2;
                    Tok::Op(if two == "<>" { "!=".into() } else { two })
                }
                _ => {
                    i += 1;
                    match c {
                        '(' => Tok::LParen,
                        ')' => Tok::RParen,
                        ',' => Tok::Comma,
                        '.' => Tok::Dot,
                        '+' | '-' | '*' | '/' | '=' | '<' | '>' => Tok::Op(c.to_string()),
                        _ => return Err(err(off, &format!("unexpected character `{c}`"))),
                    }
                }
            };
            out.push((off, tok));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

/// Parse an expression; column references keep their written qualifier in `alias`.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let toks = lex(text)?;
    let mut p = Parser { toks, pos: 0, end: text.len() };
    let e = p.or()?;
    match p.toks.get(p.pos) {
        None => Ok(e),
        Some((off, t)) => Err(ParseError { offset: *off, message: format!("unexpected {}", describe(t)) }),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Str(s) => format!("string '{s}'"),
        Tok::Num(n) => format!("number {n}"),
        Tok::Op(o) => format!("`{o}`"),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Dot => "`.`".into(),
    }
}

fn bin(op: &str, l: Expr, r: Expr) -> Expr {
    Expr::Binary { operator: op.to_string(), left: Box::new(l), right: Box::new(r) }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |t| t.0)
    }
    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s.eq_ignore_ascii_case(kw))
    }
    fn err<T>(&self, msg: &str) -> Result<T, ParseError> {
        let found = self.peek().map(describe).unwrap_or_else(|| "end of expression".into());
        Err(ParseError { offset: self.offset(), message: format!("{msg}, found {found}") })
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.and()?;
        while self.keyword("or") {
            self.pos += 1;
            l = bin("or", l, self.and()?);
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.not()?;
        while self.keyword("and") {
            self.pos += 1;
            l = bin("and", l, self.not()?);
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.keyword("not") {
            self.pos += 1;
            return Ok(Expr::Not { expr: Box::new(self.not()?) });
        }
        self.comparison()
    }
    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let l = self.additive()?;
        if self.keyword("is") {
            self.pos += 1;
            let negated = self.keyword("not");
            if negated {
                self.pos += 1;
            }
            if !self.keyword("null") {
                return self.err("expected `null` after `is`");
            }
            self.pos += 1;
            return Ok(Expr::IsNull { expr: Box::new(l), negated });
        }
        if let Some(Tok::Op(op)) = self.peek()
            && matches!(op.as_str(), "=" | "!=" | "<" | "<=" | ">" | ">=")
        {
            let op = op.clone();
            self.pos += 1;
            return Ok(bin(&op, l, self.additive()?));
        }
        Ok(l)
    }
    fn additive(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.term()?;
        while let Some(Tok::Op(op)) = self.peek() {
            let op = op.clone();
            match op.as_str() {
                "+" | "-" => {
                    self.pos += 1;
                    l = bin(&op, l, self.term()?);
                }
                "||" => {
                    self.pos += 1;
                    l = Expr::Call { func: "concat".into(), args: vec![l, self.term()?] };
                }
                _ => break,
            }
        }
        Ok(l)
    }
    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.unary()?;
        while let Some(Tok::Op(op)) = self.peek() {
            let op = op.clone();
            if op != "*" && op != "/" {
                break;
            }
            self.pos += 1;
            l = bin(&op, l, self.unary()?);
        }
        Ok(l)
    }
    fn unary(&mut self) -> Result<Expr, ParseError> {
        if matches!(self.peek(), Some(Tok::Op(o)) if o == "-") {
            self.pos += 1;
            let e = self.unary()?;
            return Ok(match e {
                Expr::Literal { value: Literal::Int(i) } => Expr::Literal { value: Literal::Int(-i) },
                Expr::Literal { value: Literal::Float(f) } => Expr::Literal { value: Literal::Float(-f) },
                other => bin("-", Expr::Literal { value: Literal::Int(0) }, other),
            });
        }
        self.primary()
    }
    fn primary(&mut self) -> Result<Expr, ParseError> {
        let start = self.offset();
        let Some(tok) = self.peek().cloned() else { return self.err("expected a value") };
        self.pos += 1;
        match tok {
            Tok::Num(n) => {
                let value =
                    if n.contains('.') { n.parse().map(Literal::Float).ok() } else { n.parse().map(Literal::Int).ok() };
                value
                    .map(|value| Expr::Literal { value })
                    .ok_or(ParseError { offset: start, message: format!("invalid number {n}") })
            }
            Tok::Str(s) => Ok(Expr::Literal { value: Literal::Text(s) }),
            Tok::LParen => {
                let e = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.err("expected `)`");
                }
                self.pos += 1;
                Ok(e)
            }
            Tok::Ident(name) => {
                let lower = name.to_ascii_lowercase();
                match lower.as_str() {
                    "true" => return Ok(Expr::Literal { value: Literal::Bool(true) }),
                    "false" => return Ok(Expr::Literal { value: Literal::Bool(false) }),
                    "null" => return Ok(Expr::Literal { value: Literal::Null(()) }),
                    _ => {}
                }
                if self.peek() == Some(&Tok::LParen) {
                    if !FUNCTIONS.contains(&lower.as_str()) {
                        let hint = crate::config::diag::did_you_mean(&lower, FUNCTIONS.iter().copied())
                            .map(|b| format!(" (did you mean `{b}`?)"))
                            .unwrap_or_else(|| format!(" (available: {})", FUNCTIONS.join(", ")));
                        return Err(ParseError { offset: start, message: format!("unknown function `{name}`{hint}") });
                    }
                    self.pos += 1;
                    let mut args = Vec::new();
                    if self.peek() != Some(&Tok::RParen) {
                        loop {
                            args.push(self.or()?);
                            match self.peek() {
                                Some(Tok::Comma) => self.pos += 1,
                                Some(Tok::RParen) => break,
                                _ => return self.err("expected `,` or `)`"),
                            }
                        }
                    }
                    self.pos += 1;
                    return Ok(Expr::Call { func: lower, args });
                }
                if self.peek() == Some(&Tok::Dot) {
                    self.pos += 1;
                    return match self.peek().cloned() {
                        Some(Tok::Ident(col)) => {
                            self.pos += 1;
                            Ok(Expr::Column { alias: name, name: col })
                        }
                        _ => self.err("expected a column name after `.`"),
                    };
                }
                Ok(Expr::Column { alias: String::new(), name })
            }
            other => {
                self.pos -= 1;
                let _ = other;
                self.err("expected a value")
            }
        }
    }
}

/// Every column reference in `e` as (qualifier, name), in order of appearance.
pub fn columns(e: &Expr) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(e, &mut |x| {
        if let Expr::Column { alias, name } = x {
            out.push((alias.clone(), name.clone()));
        }
    });
    out
}

fn walk(e: &Expr, f: &mut impl FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Call { args, .. } => args.iter().for_each(|a| walk(a, f)),
        Expr::Binary { left, right, .. } => {
            walk(left, f);
            walk(right, f);
        }
        Expr::Not { expr } | Expr::IsNull { expr, .. } => walk(expr, f),
        Expr::Column { .. } | Expr::Literal { .. } => {}
    }
}

/// Rewrite column qualifiers with `resolve(qualifier, name) -> alias`.
pub fn resolve(e: &mut Expr, resolve: &impl Fn(&str, &str) -> Option<String>) -> Result<(), String> {
    match e {
        Expr::Column { alias, name } => match resolve(alias, name) {
            Some(a) => {
                *alias = a;
                Ok(())
            }
            None if alias.is_empty() => Err(format!("unknown column `{name}`")),
            None => Err(format!("unknown column `{alias}.{name}`")),
        },
        Expr::Call { args, .. } => args.iter_mut().try_for_each(|a| resolve_inner(a, resolve)),
        Expr::Binary { left, right, .. } => {
            resolve_inner(left, resolve)?;
            resolve_inner(right, resolve)
        }
        Expr::Not { expr } | Expr::IsNull { expr, .. } => resolve_inner(expr, resolve),
        Expr::Literal { .. } => Ok(()),
    }
}

fn resolve_inner(e: &mut Expr, r: &impl Fn(&str, &str) -> Option<String>) -> Result<(), String> {
    resolve(e, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(a: &str, n: &str) -> Expr {
        Expr::Column { alias: a.into(), name: n.into() }
    }
    fn lit(v: Literal) -> Expr {
        Expr::Literal { value: v }
    }

    #[test]
    fn parses_calls_and_precedence() {
        let e = parse("concat(first_name, ' ', c.last_name)").unwrap();
        assert_eq!(
            e,
            Expr::Call {
                func: "concat".into(),
                args: vec![col("", "first_name"), lit(Literal::Text(" ".into())), col("c", "last_name")]
            }
        );
        let e = parse("a = 1 or b > 2 and not c is null").unwrap();
        let Expr::Binary { operator, right, .. } = e else { panic!("binary") };
        assert_eq!(operator, "or");
        assert!(matches!(*right, Expr::Binary { ref operator, .. } if operator == "and"));
        assert_eq!(
            parse("qty * price - 1").unwrap(),
            bin("-", bin("*", col("", "qty"), col("", "price")), lit(Literal::Int(1)))
        );
        assert_eq!(parse("x <> 'it''s'").unwrap(), bin("!=", col("", "x"), lit(Literal::Text("it's".into()))));
        assert_eq!(parse("-2.5").unwrap(), lit(Literal::Float(-2.5)));
        assert_eq!(
            parse("a || b").unwrap(),
            Expr::Call { func: "concat".into(), args: vec![col("", "a"), col("", "b")] }
        );
    }

    #[test]
    fn errors_point_at_the_offset() {
        let e = parse("concat(a, ").unwrap_err();
        assert_eq!(e.offset, 10);
        let e = parse("lowr(name)").unwrap_err();
        assert!(e.message.contains("did you mean `lower`"), "{}", e.message);
        assert_eq!(parse("a = 'x").unwrap_err().offset, 4);
        assert!(parse("a b").unwrap_err().message.contains("unexpected `b`"));
        assert!(parse("a is 3").is_err());
    }

    #[test]
    fn resolve_rewrites_qualifiers() {
        let mut e = parse("upper(name) = orders.status").unwrap();
        resolve(&mut e, &|q, _| Some(if q == "orders" { "s2".into() } else { "s1".into() })).unwrap();
        assert_eq!(columns(&e), vec![("s1".to_string(), "name".to_string()), ("s2".to_string(), "status".to_string())]);
        let mut e = parse("missing + 1").unwrap();
        assert_eq!(resolve(&mut e, &|_, _| None).unwrap_err(), "unknown column `missing`");
    }
}
